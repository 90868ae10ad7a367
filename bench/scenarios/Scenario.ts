/** What every scenario is given and gives back. */
import type { GeneratorOptions } from '../load/Generator.ts';
import type { LaunchOptions, ServerKind } from '../servers/BenchServer.ts';

export type ScenarioId = 'S1' | 'S2' | 'S3' | 'S4' | 'S5';

/** A scenario's parameters: numbers, or lists of numbers (S5's typing rates). */
export type Params = Record<string, number | number[]>;

export interface ScenarioContext {
  server: ServerKind;
  /** How to start the server (persistence is the scenario's choice). */
  launch: Omit<LaunchOptions, 'persist'>;
  generator: GeneratorOptions;
  /** Seeds the typing phases and the generated documents: the same for every server. */
  seed: number;
  /** Where cached inputs (generated documents) live. */
  cacheDir: string;
  log(message: string): void;
}

/** One run's measurements: numbers (null when not measurable), plus optional detail for the JSON report. */
export interface RunResult {
  metrics: Record<string, number | null>;
  detail?: unknown;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** What it measures, for `--help` and the README. */
  description: string;
  defaults: Params;
  /** Overrides for `--quick`. */
  quick: Partial<Params>;
  run(context: ScenarioContext, params: Params): Promise<RunResult>;
}

export function num(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`parameter ${name} must be a number`);
  return value;
}

export function list(params: Params, name: string): number[] {
  const value = params[name];
  if (!Array.isArray(value)) throw new Error(`parameter ${name} must be a list of numbers`);
  return value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
