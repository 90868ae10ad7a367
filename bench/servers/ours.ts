/**
 * Our server exactly as `npm start` runs it (`node --import tsx server/main.ts`),
 * with its default configuration — SQLite in a temporary DATA_DIR, info logging,
 * stored-before-forwarded — except the per-address connection cap, since all
 * load comes from one address here. The benchmark authenticates like any client: it
 * creates a workspace through the API and connects with its token.
 */
import path from 'node:path';
import type { BenchServer, LaunchOptions, ServerTarget } from './BenchServer.ts';
import { ROOT, spawnServer } from './ServerProcess.ts';
import { removeDir, tempDir } from './tempDir.ts';

function readyPort(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { msg?: string; port?: number };
    return parsed.msg === 'listening' ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

async function createWorkspace(port: number): Promise<{ workspaceId: string; token: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Benchmark', member: { name: 'Bench', role: 'other' } }),
  });
  if (response.status !== 201) throw new Error(`creating the benchmark workspace: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { workspaceId: string; token: string };
  return { workspaceId: body.workspaceId, token: body.token };
}

interface Variant {
  kind: 'ours' | 'candidate';
  /** The folder holding server/main.ts (a snapshot, or the working tree). */
  root: string;
}

async function start(
  variant: Variant,
  options: LaunchOptions,
  dataDir: string,
  session?: { workspaceId: string; token: string },
): Promise<BenchServer> {
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const process = await spawnServer({
    command: [globalThis.process.execPath, ...nodeArgs, '--import', 'tsx', 'server/main.ts'],
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // Every benchmark client comes from 127.0.0.1; in production they come from many addresses.
      // (Older commits ignore the variable.)
      MAX_CONNECTIONS_PER_IP: '1000000',
      STATIC_DIR: path.join(ROOT, 'dist', 'client'),
    },
    cwd: variant.root,
    cpus: options.cpus,
    readyLine: readyPort,
  });
  const account = session ?? (await createWorkspace(process.port));
  const target: ServerTarget = { protocol: 'samenspel', port: process.port, ...account };
  return {
    kind: variant.kind,
    pid: process.pid,
    target,
    logTail: () => [...process.stdoutTail(), ...process.stderr().split('\n').slice(-50)],
    async restart() {
      await process.stop();
      return start(variant, options, dataDir, account);
    },
    async dispose() {
      await process.stop();
      removeDir(dataDir);
    },
  };
}

export function launchOurs(options: LaunchOptions): Promise<BenchServer> {
  return start({ kind: 'ours', root: options.oursRoot ?? ROOT }, options, tempDir('samenspel-bench-ours-'));
}

/** Our server from another tree (`--candidate`), to compare a change with the current server in one run. */
export function launchCandidate(options: LaunchOptions): Promise<BenchServer> {
  if (!options.candidateRoot) throw new Error('no candidate: pass --candidate=REF|DIR');
  return start({ kind: 'candidate', root: options.candidateRoot }, options, tempDir('samenspel-bench-candidate-'));
}
