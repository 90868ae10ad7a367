/**
 * The command line of `npm run bench` (pass options after `--`):
 *
 *   --quick                 one repetition with shorter scenarios (about 2 minutes)
 *   --reps=N                repetitions (default 3, --quick 1)
 *   --scenarios=S1,S4       only these scenarios (default all; "browser" adds/limits the browser part)
 *   --servers=ours,reference  only these servers (default ours, reference, hocuspocus)
 *   --S1.clients=60         any scenario parameter; lists with commas (--S5.rates=2,4,8)
 *   --browser.remoteTypists=0  the browser part's parameters: keystrokes, keyIntervalMs, remoteTypists,
 *                           remoteRate, cpuThrottling
 *   --workers=N             load-generator processes (default 2)
 *   --no-pin                do not pin the server and the generator to separate CPUs
 *   --ours-ref=REF|DIR      run our server as committed in REF (e.g. HEAD), or from a folder, instead of the working tree
 *   --candidate=REF|DIR     also run our server from another commit or folder (a change to measure),
 *                           alternating with the others; the report adds candidate/ours ratios
 *   --profile               write V8 CPU profiles of our server (bench/results/profiles/)
 *   --profile-generator     write V8 CPU profiles of the load-generator processes too
 *   --no-browser            skip the browser part
 *   --retries=N             run a repetition again (at most N times) when other processes kept more than
 *                           0.3 of a core busy during it; the least disturbed attempt counts (default 2, --quick 0)
 *   --no-quiet-check        do not sample how busy the machine is before each run (saves 2 s a run)
 *   --quiet-wait=S          before each run, wait up to S seconds for the machine to be quiet
 *                           (other processes using < 0.15 of a core; default 0, i.e. just report it)
 *   --seed=N                seed for generated documents and typing phases (default 1)
 *   --out=FILE              the JSON report (default bench/results/latest.json)
 */
import { SERVER_KINDS, type ServerKind } from './servers/BenchServer.ts';
import type { Params, Scenario, ScenarioId } from './scenarios/Scenario.ts';

export interface Options {
  quick: boolean;
  reps: number;
  scenarios: ScenarioId[];
  servers: ServerKind[];
  /** Parameter overrides per scenario. */
  overrides: Partial<Record<ScenarioId, Params>>;
  /** Overrides of the browser part's parameters. */
  browserOverrides: Record<string, number>;
  workers: number;
  pin: boolean;
  profile: boolean;
  profileGenerator: boolean;
  /** A git ref to run our server from; the working tree when undefined. */
  oursRef: string | undefined;
  /** A git ref or a folder to run the candidate server from. */
  candidate: string | undefined;
  browser: boolean;
  seed: number;
  /** Seconds to wait, before each run, for the machine to be quiet. */
  quietWaitS: number;
  /** Sample how busy the machine is before each run. */
  quietCheck: boolean;
  /** How often a disturbed repetition is run again. */
  retries: number;
  out: string | undefined;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--reps=N] [--scenarios=S1,S2,S3,S4,S5] [--servers=ours,reference,hocuspocus]
                       [--S1.clients=40 …] [--workers=N] [--no-pin] [--profile] [--profile-generator] [--ours-ref=REF|DIR] [--candidate=REF|DIR] [--no-browser] [--quiet-wait=S] [--retries=N] [--no-quiet-check] [--seed=N] [--out=FILE]`;

const SCENARIO_IDS: ScenarioId[] = ['S1', 'S2', 'S3', 'S4', 'S5'];

function parseNumber(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${name}: "${text}" is not a number`);
  return value;
}

export function parseOptions(argv: string[]): Options {
  const options: Options = {
    quick: false,
    reps: NaN,
    scenarios: [...SCENARIO_IDS],
    servers: SERVER_KINDS.filter((kind) => kind !== 'candidate'),
    overrides: {},
    browserOverrides: {},
    workers: 2,
    pin: true,
    profile: false,
    profileGenerator: false,
    oursRef: undefined,
    candidate: undefined,
    browser: true,
    seed: 1,
    quietWaitS: 0,
    quietCheck: true,
    retries: NaN,
    out: undefined,
    help: false,
  };
  for (const argument of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(argument);
    if (!match) throw new Error(`unexpected argument "${argument}"\n${USAGE}`);
    const [, name, value] = match as unknown as [string, string, string | undefined];
    const required = () => {
      if (value === undefined) throw new Error(`--${name} needs a value (--${name}=…)`);
      return value;
    };
    const scenarioParam = /^(S[1-5])\.(\w+)$/.exec(name);
    if (scenarioParam) {
      const [, id, param] = scenarioParam as unknown as [string, ScenarioId, string];
      const text = required();
      // Lists (S5's rates) may be given with one element; paramsFor checks the kind against the defaults.
      (options.overrides[id] ??= {})[param] = text.includes(',')
        ? text.split(',').map((part) => parseNumber(part, argument))
        : parseNumber(text, argument);
      continue;
    }
    const browserParam = /^browser\.(\w+)$/.exec(name);
    if (browserParam) {
      options.browserOverrides[browserParam[1]!] = parseNumber(required(), argument);
      continue;
    }
    switch (name) {
      case 'quick':
        options.quick = true;
        break;
      case 'reps':
        options.reps = parseNumber(required(), argument);
        break;
      case 'scenarios': {
        const wanted = required().split(',');
        options.browser = wanted.includes('browser');
        options.scenarios = wanted.filter((id) => id !== 'browser') as ScenarioId[];
        for (const id of options.scenarios) if (!SCENARIO_IDS.includes(id)) throw new Error(`unknown scenario ${id}`);
        break;
      }
      case 'servers': {
        options.servers = required().split(',') as ServerKind[];
        for (const kind of options.servers) if (!SERVER_KINDS.includes(kind)) throw new Error(`unknown server ${kind}`);
        break;
      }
      case 'workers':
        options.workers = Math.max(1, Math.floor(parseNumber(required(), argument)));
        break;
      case 'no-pin':
        options.pin = false;
        break;
      case 'profile':
        options.profile = true;
        break;
      case 'profile-generator':
        options.profileGenerator = true;
        break;
      case 'ours-ref':
        options.oursRef = required();
        break;
      case 'candidate':
        options.candidate = required();
        break;
      case 'no-browser':
        options.browser = false;
        break;
      case 'seed':
        options.seed = parseNumber(required(), argument);
        break;
      case 'retries':
        options.retries = Math.max(0, Math.floor(parseNumber(required(), argument)));
        break;
      case 'no-quiet-check':
        options.quietCheck = false;
        break;
      case 'quiet-wait':
        options.quietWaitS = parseNumber(required(), argument);
        break;
      case 'out':
        options.out = required();
        break;
      case 'help':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option --${name}\n${USAGE}`);
    }
  }
  if (Number.isNaN(options.reps)) options.reps = options.quick ? 1 : 3;
  if (Number.isNaN(options.retries)) options.retries = options.quick ? 0 : 2;
  if (options.candidate && !options.servers.includes('candidate')) {
    options.servers = SERVER_KINDS.filter((kind) => kind === 'candidate' || options.servers.includes(kind));
  }
  return options;
}

/** A scenario's parameters for this run: defaults, then --quick's, then the command line's. */
export function paramsFor(scenario: Scenario, options: Options): Params {
  const params: Params = { ...scenario.defaults };
  if (options.quick) Object.assign(params, scenario.quick);
  const overrides = options.overrides[scenario.id] ?? {};
  for (const [name, value] of Object.entries(overrides)) {
    const fallback = scenario.defaults[name];
    if (fallback === undefined) {
      throw new Error(`${scenario.id} has no parameter "${name}" (it has ${Object.keys(scenario.defaults).join(', ')})`);
    }
    params[name] = Array.isArray(fallback) && !Array.isArray(value) ? [value!] : value!;
  }
  return params;
}
