/**
 * What one append costs the SQLite storage of a server tree, without clients
 * or sockets: `docs` documents each append one small Yjs update every
 * 1/`rate` s (one in flight per document, as a room does), for `seconds`.
 * Reports the append's latency (call → resolved, i.e. committed), the main
 * thread's event-loop utilisation (time it could not serve anything else; a
 * COMMIT's fsync on the main thread counts here) and the process's CPU time,
 * all threads. Trees alternate (A, B, A, B, …) so the machine's drift cancels.
 *
 *   node --import tsx bench/micro/appendCost.ts [--docs=200] [--rate=2] [--seconds=10] [--reps=3] TREE_A TREE_B
 *
 * A tree is a folder with server/ (e.g. from `git archive REF server shared | tar -x -C DIR`, with a
 * node_modules symlink), or `.` for this checkout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';

interface Options {
  docs: number;
  rate: number;
  seconds: number;
  reps: number;
  trees: string[];
}

function parse(argv: string[]): Options {
  const options: Options = { docs: 200, rate: 2, seconds: 10, reps: 3, trees: [] };
  for (const arg of argv) {
    const match = /^--(docs|rate|seconds|reps)=(\d+(?:\.\d+)?)$/.exec(arg);
    if (match) options[match[1] as 'docs' | 'rate' | 'seconds' | 'reps'] = Number(match[2]);
    else options.trees.push(arg);
  }
  if (options.trees.length === 0) options.trees.push('.');
  return options;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

/** One Y.Text insert per call, as a typist's keystroke. */
function typist(): () => Uint8Array {
  const doc = new Y.Doc();
  let last: Uint8Array = new Uint8Array();
  doc.on('update', (update: Uint8Array) => (last = update));
  const text = doc.getText('t');
  return () => {
    text.insert(text.length, 'a');
    return last;
  };
}

async function runOnce(tree: string, options: Options) {
  const module = (await import(pathToFileURL(path.resolve(tree, 'server/storage/sqlite.ts')).href)) as typeof import('../../server/storage/sqlite.ts');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samenspel-appendcost-'));
  const storage = await module.openSqliteStorage({ dataDir });
  // Warm-up: the writer (if any) is started and the statements are prepared.
  await storage.appendUpdate('ws', 'warm', typist()(), { memberId: 'm', at: Date.now() });
  const latencies: number[] = [];
  const until = performance.now() + options.seconds * 1000;
  const interval = 1000 / options.rate;
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  await Promise.all(
    Array.from({ length: options.docs }, async (_, index) => {
      const next = typist();
      // Spread the documents' first appends over one interval, as typists are.
      await new Promise((resolve) => setTimeout(resolve, (interval * index) / options.docs));
      while (performance.now() < until) {
        const due = performance.now() + interval;
        const sent = performance.now();
        await storage.appendUpdate('ws', `doc${index}`, next(), { memberId: 'm', at: Date.now() });
        latencies.push(performance.now() - sent);
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  const elu = performance.eventLoopUtilization(eluBefore);
  const cpu = process.cpuUsage(cpuBefore);
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    appends: latencies.length,
    p50Ms: +percentile(latencies, 50).toFixed(2),
    p99Ms: +percentile(latencies, 99).toFixed(2),
    maxMs: +(latencies.at(-1) ?? NaN).toFixed(2),
    mainBusy: +elu.utilization.toFixed(3),
    cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    cpuUsPerAppend: Math.round((cpu.user + cpu.system) / latencies.length),
  };
}

const options = parse(process.argv.slice(2));
console.log(`appendCost: ${options.docs} documents × ${options.rate}/s for ${options.seconds} s, ${options.reps} reps, trees ${options.trees.join(', ')}`);
for (let rep = 1; rep <= options.reps; rep++) {
  for (const tree of options.trees) console.log(JSON.stringify({ rep, tree, ...(await runOnce(tree, options)) }));
}
