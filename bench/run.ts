/**
 * `npm run bench`: our server against the reference y-websocket server and
 * Hocuspocus, with the same load generator and the same scenarios, in
 * alternating runs (ours, reference, Hocuspocus, ours, …). Prints a table per
 * scenario (medians over the repetitions, ratios ours/peer) and writes
 * bench/results/latest.json. bench/README.md explains the scenarios; the
 * options are in bench/options.ts (`npm run bench -- --help`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureBrowser } from './browser/measureBrowser.ts';
import { installInterruptHandler } from './interrupt.ts';
import { parseOptions, paramsFor, USAGE } from './options.ts';
import { waitForQuiet } from './metrics/quiet.ts';
import { medians, ratios, type ScenarioReport } from './report/summary.ts';
import { scenarioTable } from './report/table.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { oursFrom } from './servers/oursSnapshot.ts';
import type { RunResult } from './scenarios/Scenario.ts';

const RESULTS_DIR = path.join(import.meta.dirname, 'results');
/** Below this many cores busy with other work, the machine counts as quiet. */
const QUIET_CORES = 0.15;
/** A repetition during which other work kept more cores than this busy counts as disturbed. */
const DISTURBED_CORES = 0.3;

function cpuModel(): string {
  const match = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return match?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
}

function log(message: string): void {
  const time = new Date().toISOString().slice(11, 19);
  console.error(`[bench ${time}] ${message}`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  installInterruptHandler(log);
  if (options.help) {
    console.log(USAGE);
    for (const scenario of SCENARIOS) {
      console.log(`\n${scenario.id} ${scenario.title}: ${scenario.description}`);
      console.log(`   defaults ${JSON.stringify(scenario.defaults)}; --quick ${JSON.stringify(scenario.quick)}`);
    }
    return 0;
  }
  const cpus = os.availableParallelism();
  const pinned = options.pin && cpus >= 2 && existsSync('/usr/bin/taskset');
  const serverCpus = pinned ? '0' : undefined;
  const generatorCpus = pinned ? (cpus === 2 ? '1' : `1-${cpus - 1}`) : undefined;
  const cacheDir = path.join(RESULTS_DIR, 'cache');
  const snapshot = options.oursRef ? oursFrom(options.oursRef) : undefined;
  const candidate = options.candidate ? oursFrom(options.candidate) : undefined;
  const started = Date.now();
  let failures = 0;

  const report = {
    date: new Date().toISOString(),
    machine: { cpus, node: process.version, cpuModel: cpuModel(), memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    setup: {
      quick: options.quick,
      reps: options.reps,
      servers: options.servers,
      generatorProcesses: options.workers,
      pinned: pinned ? { server: serverCpus, generator: generatorCpus } : false,
      ours: snapshot ? { ref: options.oursRef, commit: snapshot.commit } : 'working tree',
      candidate: candidate ? { ref: options.candidate, commit: candidate.commit } : undefined,
      seed: options.seed,
    },
    scenarios: {} as Record<string, ScenarioReport>,
    client: undefined as unknown,
    durationS: 0,
  };
  log(
    `${options.quick ? 'quick run' : 'full run'}: ${options.scenarios.join(', ')} × ${options.servers.join(', ')} × ${options.reps}` +
      (pinned ? ` (server on CPU ${serverCpus}, generator on ${generatorCpus})` : ''),
  );

  for (const scenario of SCENARIOS.filter((entry) => options.scenarios.includes(entry.id))) {
    const params = paramsFor(scenario, options);
    const runs: ScenarioReport['runs'] = {};
    for (let rep = 0; rep < options.reps; rep++) {
      for (const server of options.servers) {
        let result: RunResult & { error?: string; attempts?: number } = { metrics: {} };
        for (let attempt = 0; attempt <= options.retries; attempt++) {
          const quiet = options.quietCheck ? await waitForQuiet(QUIET_CORES, options.quietWaitS) : null;
          log(
            `${scenario.id} ${scenario.title}: ${server}, repetition ${rep + 1} of ${options.reps}` +
              (attempt > 0 ? `, attempt ${attempt + 1}` : '') +
              (quiet ? ` (machine busy with other work: ${quiet.busyCores} cores${quiet.waitedS ? ` after waiting ${quiet.waitedS} s` : ''})` : ''),
          );
          const profileDir =
            options.profile && (server === 'ours' || server === 'candidate')
              ? path.join(RESULTS_DIR, 'profiles', `${scenario.id}-${rep + 1}${server === 'candidate' ? '-candidate' : ''}`)
              : undefined;
          let attemptResult: RunResult & { error?: string };
          try {
            attemptResult = await scenario.run(
              {
                server,
                launch: { cpus: serverCpus, profileDir, oursRoot: snapshot?.root, candidateRoot: candidate?.root },
                generator: {
                  processes: options.workers,
                  cpus: generatorCpus,
                  profileDir: options.profileGenerator
                    ? path.join(RESULTS_DIR, 'profiles', `${scenario.id}-${rep + 1}-${server}-generator`)
                    : undefined,
                },
                seed: options.seed,
                cacheDir,
                log: (message) => log(`  ${message}`),
              },
              params,
            );
            if (quiet) attemptResult.metrics.busyCoresBefore = quiet.busyCores;
            log(`  ${JSON.stringify(attemptResult.metrics)}`);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log(`  FAILED: ${message}`);
            attemptResult = { metrics: {}, error: message };
          }
          const disturbance = (run: RunResult & { error?: string }) => (run.error ? Infinity : (run.metrics.otherCores ?? 0));
          if (attempt === 0 || disturbance(attemptResult) < disturbance(result)) result = { ...attemptResult, attempts: attempt + 1 };
          if (!attemptResult.error && disturbance(attemptResult) <= DISTURBED_CORES) break;
          if (attempt < options.retries) log(`  disturbed (${attemptResult.error ? 'failed' : `other work kept ${attemptResult.metrics.otherCores} cores busy`}): running it again`);
        }
        if (result.error) failures++;
        (runs[server] ??= []).push(result);
      }
    }
    const scenarioReport: ScenarioReport = { params, ratios: {}, runs };
    for (const server of options.servers) {
      const succeeded = (runs[server] ?? []).filter((run: RunResult & { error?: string }) => !run.error);
      if (succeeded.length > 0) scenarioReport[server] = medians(succeeded);
    }
    scenarioReport.ratios = ratios(scenario.id, scenarioReport);
    report.scenarios[scenario.id] = scenarioReport;
    console.log(`\n${scenarioTable(`${scenario.id} ${scenario.title} (${JSON.stringify(params)})`, scenarioReport)}\n`);
  }

  if (options.browser) {
    log('browser: client bundle and keystroke-to-screen latency');
    try {
      report.client = await measureBrowser({
        quick: options.quick,
        serverCpus,
        oursRoot: snapshot?.root,
        overrides: options.browserOverrides,
        log: (message) => log(`  ${message}`),
      });
      console.log(`\nbrowser: ${JSON.stringify(report.client)}\n`);
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      log(`  FAILED: ${message}`);
      report.client = { error: message };
    }
  }

  snapshot?.remove();
  candidate?.remove();
  report.durationS = Math.round((Date.now() - started) / 1000);
  const out = options.out ?? path.join(RESULTS_DIR, 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2));
  log(`report: ${path.relative(process.cwd(), out)} (${report.durationS} s${failures ? `, ${failures} failed runs` : ''})`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
