/**
 * Turns repeated runs into the report: the median of every metric per server,
 * and ratios ours/peer for the metrics each scenario's targets are about.
 */
import { median, ratio } from '../metrics/stats.ts';
import type { ServerKind } from '../servers/BenchServer.ts';
import type { RunResult, ScenarioId } from '../scenarios/Scenario.ts';

export type Metrics = Record<string, number | null>;

export interface ScenarioReport {
  params: Record<string, unknown>;
  /** Median per metric and server. */
  ours?: Metrics;
  candidate?: Metrics;
  reference?: Metrics;
  hocuspocus?: Metrics;
  ratios: Record<string, number | null>;
  /** Every repetition, in run order. */
  runs: Partial<Record<ServerKind, RunResult[]>>;
}

export function medians(runs: RunResult[]): Metrics {
  const names = new Set(runs.flatMap((run) => Object.keys(run.metrics)));
  const result: Metrics = {};
  for (const name of names) {
    const values = runs.map((run) => run.metrics[name]).filter((value): value is number => typeof value === 'number');
    const value = median(values);
    result[name] = Number.isFinite(value) ? value : null;
  }
  return result;
}

function value(metrics: Metrics | undefined, name: string): number | undefined {
  const found = metrics?.[name];
  return typeof found === 'number' ? found : undefined;
}

/** The better (lower, or higher with `higherIsBetter`) of the peers' values. */
function bestPeer(report: ScenarioReport, name: string, higherIsBetter = false): number | undefined {
  const values = [value(report.reference, name), value(report.hocuspocus, name)].filter((v): v is number => v !== undefined);
  if (values.length === 0) return undefined;
  return higherIsBetter ? Math.max(...values) : Math.min(...values);
}

export function ratios(id: ScenarioId, report: ScenarioReport): Record<string, number | null> {
  const ours = (name: string) => value(report.ours, name);
  const versus = (name: string, label: string) => ({
    [`${label}_vs_reference`]: ratio(ours(name), value(report.reference, name)),
    [`${label}_vs_hocuspocus`]: ratio(ours(name), value(report.hocuspocus, name)),
    // Only with --candidate: the change against the current server.
    ...(report.candidate ? { [`candidate_${label}_vs_ours`]: ratio(value(report.candidate, name), ours(name)) } : {}),
  });
  switch (id) {
    case 'S1':
    case 'S2':
      return { ...versus('p99Ms', 'p99'), ...versus('serverCpuS', 'cpu') };
    case 'S3':
      return versus('kbPerDoc', 'mem');
    case 'S4':
      return {
        ...versus('coldLoadMs', 'cold'),
        // The target: ours from storage against the better peer from memory.
        restart_vs_best_peer_in_memory: ratio(ours('restartLoadMs'), bestPeer(report, 'coldLoadMs')),
        ...(report.candidate ? { candidate_restart_vs_ours: ratio(value(report.candidate, 'restartLoadMs'), ours('restartLoadMs')) } : {}),
      };
    case 'S5':
      return versus('editsPerS', 'capacity');
    default: {
      const unknown: never = id;
      throw new Error(`unknown scenario ${String(unknown)}`);
    }
  }
}
