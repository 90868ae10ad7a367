/**
 * The long hardening runs (README, "Reliability and security"): the protocol
 * fuzzer with 100,000 seeded inputs against a running server, the crash loop
 * with 20 SIGKILL/restart cycles, bad connections for 2 minutes (stallers, slow
 * readers, 200-client reconnect storms), and the access matrix. Prints the
 * figures and exits non-zero when any check failed. `npm test` runs short
 * versions of each (tests/fuzz/, tests/integration/).
 *
 *   npm run harden                       # defaults
 *   npm run harden -- --inputs=20000 --cycles=5 --seed=7 --bad-seconds=30
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCrashLoop } from '../tests/fuzz/crashLoop.ts';
import { runProtocolFuzz } from '../tests/fuzz/protocolFuzzer.ts';
import { FIGURES_FILE_VARIABLE } from '../tests/helpers/figures.ts';
import { runBadConnections } from '../tests/integration/badConnections.ts';

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

const seed = option('seed', 20261125);
const inputs = option('inputs', 100_000);
const cycles = option('cycles', 20);
const badSeconds = option('bad-seconds', 120);
const log = (line: string) => console.error(`  ${line}`);

console.error(`protocol fuzzer: seed ${seed}, ${inputs} inputs`);
const fuzz = await runProtocolFuzz({ seed, inputs, log });
console.error(`crash loop: ${cycles} cycles`);
const crash = await runCrashLoop({ cycles, log });
console.error(`bad connections: ${badSeconds} s`);
const bad = await runBadConnections({
  durationMs: badSeconds * 1000,
  stormClients: 200,
  stallers: 150,
  slowReaders: 20,
  requestsPerReader: 200,
  bigDocumentBytes: 512 * 1024,
  maxBufferedBytes: 1024 * 1024,
  log,
});
console.error('access matrix (vitest)');
const matrix = runAccessMatrix();

/** The access matrix is a test file (its table is the readable part); run it and read the figures it records. */
function runAccessMatrix(): { passed: boolean; cellsChecked: number; denialsChecked: number; slowestCloseMs: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'samenspel-harden-'));
  const file = path.join(dir, 'figures.jsonl');
  const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'tests/integration/accessMatrix.test.ts'], {
    env: { ...process.env, [FIGURES_FILE_VARIABLE]: file },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let lines: Record<string, number | string>[] = [];
  try {
    lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, number | string>);
  } catch {
    // No figures: the run failed before recording any; reported as a failure below.
  }
  rmSync(dir, { recursive: true, force: true });
  const figures = Object.assign({}, ...lines) as Record<string, number>;
  return {
    passed: result.status === 0,
    cellsChecked: figures.cellsChecked ?? 0,
    denialsChecked: figures.denialsChecked ?? 0,
    slowestCloseMs: figures.slowestMs ?? 0,
  };
}

const fuzzOk =
  fuzz.serverCrashes === 0 && fuzz.unexpectedCloses.length === 0 && fuzz.stuckInputs.length === 0 && fuzz.healthyDocumentIntact;
const crashOk = crash.lostAfterKill === 0 && crash.missingAtEnd === 0 && crash.duplicated === 0 && crash.converged;
const badOk =
  bad.editsLost === 0 &&
  bad.stormFailures === 0 &&
  bad.slowReadersDropped === bad.slowReaders &&
  bad.typistDuring.p99 < 1000 &&
  bad.healthyAfter &&
  bad.serverErrors === 0;
const matrixOk = matrix.passed && matrix.denialsChecked > 0;

console.log(`
Samenspel hardening run, ${new Date().toISOString().slice(0, 10)}

protocol fuzzer (seed ${fuzz.seed})                     ${fuzzOk ? 'PASS' : 'FAIL'}
  inputs tried                               ${fuzz.inputs}
  by kind                                    ${Object.entries(fuzz.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}
  connections closed, by code                ${Object.entries(fuzz.closeCodes).map(([k, v]) => `${k}: ${v}`).join(', ')}
  server crashes                             ${fuzz.serverCrashes}
  unexpected close codes                     ${fuzz.unexpectedCloses.length}
  inputs that stalled a room                 ${fuzz.stuckInputs.length}
  healthy document exactly as written        ${fuzz.healthyDocumentIntact ? 'yes' : 'NO'}
  healthy room edit latency before (ms)      p50 ${fuzz.healthyBefore.p50}, p99 ${fuzz.healthyBefore.p99}
  healthy room edit latency during (ms)      p50 ${fuzz.healthyDuring.p50}, p99 ${fuzz.healthyDuring.p99}, max ${fuzz.healthyDuring.max}
  time                                       ${fuzz.seconds} s

crash loop                                   ${crashOk ? 'PASS' : 'FAIL'}
  SIGKILL/restart cycles survived            ${crash.cycles}
  documents, markers typed                   ${crash.documents}, ${crash.markersTyped}
  forwarded updates lost after a kill        ${crash.lostAfterKill}
  typed updates missing at the end           ${crash.missingAtEnd}
  duplicated                                 ${crash.duplicated}
  converged                                  ${crash.converged ? 'yes' : 'NO'}
  time                                       ${crash.seconds} s

bad connections                              ${badOk ? 'PASS' : 'FAIL'}
  stallers (cut mid-request or mid-frame)    ${bad.stallers}
  reconnect storms of ${bad.stormClients} clients            ${bad.stormRounds} (time to sync all, ms: median ${median(bad.stormSyncMs)}, max ${Math.max(...bad.stormSyncMs)}; failed ${bad.stormFailures})
  slow readers dropped                       ${bad.slowReadersDropped} of ${bad.slowReaders} (they asked for ${bad.requestedMb} MB)
  server memory (RSS)                        ${bad.rssBeforeMb} MB before, peak ${bad.rssPeakMb} MB
  other room's edit latency before (ms)      p50 ${bad.typistBefore.p50}, p99 ${bad.typistBefore.p99}
  other room's edit latency during (ms)      p50 ${bad.typistDuring.p50}, p99 ${bad.typistDuring.p99}, max ${bad.typistDuring.max}
  edits typed, lost                          ${bad.editsTyped}, ${bad.editsLost}
  time                                       ${bad.seconds} s

access matrix                                ${matrixOk ? 'PASS' : 'FAIL'}
  cells checked                              ${matrix.cellsChecked}
  denials checked                            ${matrix.denialsChecked}
  removed member's sockets closed after      ${matrix.slowestCloseMs} ms
`);
console.log(JSON.stringify({ fuzz, crash, bad, matrix }));
process.exit(fuzzOk && crashOk && badOk && matrixOk ? 0 : 1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
