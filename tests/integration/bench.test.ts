/**
 * The load benchmark's harness (bench/) must keep working: run it end to end
 * against our server with tiny parameters and check the report's shape and
 * that every edit arrived. No timing is asserted here: timing goals live only
 * in the benchmark itself (`npm run bench`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Report {
  date: string;
  machine: { cpus: number; node: string };
  scenarios: Record<string, { ours?: Record<string, number | null>; ratios: Record<string, number | null> }>;
}

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

describe('the benchmark harness', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('runs S1, S3 and S4 against our server with tiny parameters and reports every edit delivered', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samenspel-bench-test-'));
    dirs.push(dir);
    const out = path.join(dir, 'report.json');
    const { code, output } = await runBench([
      '--servers=ours',
      '--scenarios=S1,S3,S4',
      '--reps=1',
      '--workers=1',
      '--no-pin',
      '--no-quiet-check',
      // Only the harness is under test: a busy machine must not make it repeat every scenario.
      '--retries=0',
      '--S1.clients=3',
      '--S1.typists=2',
      '--S1.seconds=1',
      '--S3.docs=3',
      '--S3.idleSeconds=0',
      '--S4.edits=300',
      '--S4.samples=1',
      `--out=${out}`,
    ]);
    expect(code, output).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.node).toMatch(/^v\d+/);

    const meeting = report.scenarios.S1!.ours!;
    expect(meeting.lost).toBe(0);
    expect(meeting.edits).toBeGreaterThan(0);
    // Every edit reaches both other clients of the document.
    expect(meeting.delivered).toBe(meeting.edits! * 2);
    expect(meeting.p99Ms).toBeGreaterThan(0);
    expect(meeting.serverCpuS).toBeGreaterThanOrEqual(0);

    expect(report.scenarios.S3!.ours!.kbPerDoc).toEqual(expect.any(Number));
    const coldLoad = report.scenarios.S4!.ours!;
    expect(coldLoad.coldLoadMs).toBeGreaterThan(0);
    expect(coldLoad.restartLoadMs).toBeGreaterThan(0);
  }, 60_000);
});
