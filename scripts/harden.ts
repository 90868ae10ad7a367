/**
 * The long hardening runs (README, "Reliability and security"): the protocol
 * fuzzer with 100,000 seeded inputs against a running server, then the crash
 * loop with 20 SIGKILL/restart cycles. Prints the figures and exits non-zero
 * when any check failed. `npm test` runs short versions of both (tests/fuzz/).
 *
 *   npm run harden                       # defaults
 *   npm run harden -- --inputs=20000 --cycles=5 --seed=7
 */
import { runCrashLoop } from '../tests/fuzz/crashLoop.ts';
import { runProtocolFuzz } from '../tests/fuzz/protocolFuzzer.ts';

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

const seed = option('seed', 20261125);
const inputs = option('inputs', 100_000);
const cycles = option('cycles', 20);
const log = (line: string) => console.error(`  ${line}`);

console.error(`protocol fuzzer: seed ${seed}, ${inputs} inputs`);
const fuzz = await runProtocolFuzz({ seed, inputs, log });
console.error(`crash loop: ${cycles} cycles`);
const crash = await runCrashLoop({ cycles, log });

const fuzzOk =
  fuzz.serverCrashes === 0 && fuzz.unexpectedCloses.length === 0 && fuzz.stuckInputs.length === 0 && fuzz.healthyDocumentIntact;
const crashOk = crash.lostAfterKill === 0 && crash.missingAtEnd === 0 && crash.duplicated === 0 && crash.converged;

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
`);
console.log(JSON.stringify({ fuzz, crash }));
process.exit(fuzzOk && crashOk ? 0 : 1);
