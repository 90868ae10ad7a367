/**
 * The shape S1, S2 and S5 share: `docs` documents with `clientsPerDoc` stock
 * clients each, the first `typistsPerDoc` of them typing. Every edit is
 * measured at every other client of its document.
 */
import { Generator, type Drained } from '../load/Generator.ts';
import { newEpoch } from '../load/clock.ts';
import type { ClientSpec } from '../load/protocol.ts';
import { CpuMeter, memory, OtherCpuMeter } from '../metrics/proc.ts';
import { round, summarizeLatencies } from '../metrics/stats.ts';
import type { BenchServer } from '../servers/BenchServer.ts';
import { launchServer } from '../servers/launch.ts';
import { sleep, type ScenarioContext } from './Scenario.ts';

export interface Room {
  docs: number;
  clientsPerDoc: number;
  typistsPerDoc: number;
}

export const CONNECT_CONCURRENCY = 50;
export const CONNECT_TIMEOUT_MS = 180_000;
/** After typing stopped, how long receivers may take to get the last edits before they count as lost. */
export const DRAIN_TIMEOUT_MS = 10_000;

export function clientSpecs(room: Room): ClientSpec[] {
  const specs: ClientSpec[] = [];
  for (let doc = 0; doc < room.docs; doc++) {
    for (let client = 0; client < room.clientsPerDoc; client++) {
      specs.push({ id: doc * room.clientsPerDoc + client, docId: `doc-${doc}`, typist: client < room.typistsPerDoc });
    }
  }
  return specs;
}

export interface Session {
  server: BenchServer;
  generator: Generator;
  connectMs: number;
}

/** Starts the server (in memory for the peers) and the generator, and connects every client. */
export async function openSession(context: ScenarioContext, room: Room): Promise<Session> {
  const server = await launchServer(context.server, { ...context.launch, persist: false });
  const generator = Generator.start(context.generator);
  try {
    const { connectMs } = await generator.connect(server.target, newEpoch(), clientSpecs(room), {
      concurrency: CONNECT_CONCURRENCY,
      timeoutMs: CONNECT_TIMEOUT_MS,
    });
    context.log(`${room.docs * room.clientsPerDoc} clients connected in ${Math.round(connectMs)} ms`);
    // Let the first awareness exchange settle before measuring.
    await sleep(1000);
    return { server, generator, connectMs };
  } catch (error) {
    const complaints = server.logTail().filter((line) => /warn|error/i.test(line)).slice(-3);
    await closeSession({ server, generator, connectMs: NaN });
    if (complaints.length > 0) (error as Error).message += `\nthe server said:\n${complaints.join('\n')}`;
    throw error;
  }
}

export async function closeSession(session: Session): Promise<void> {
  await session.generator.close();
  await session.server.dispose();
}

export interface TypingWindow {
  metrics: Record<string, number>;
  drained: Drained;
}

/** One typing period and its drain, with the server's and the generator's CPU over both. */
export async function typingWindow(
  session: Session,
  ratePerTypist: number,
  durationMs: number,
  seed: number,
  log: (message: string) => void,
): Promise<TypingWindow> {
  const serverCpu = new CpuMeter([session.server.pid]);
  const generatorCpu = new CpuMeter(session.generator.pids);
  const otherCpu = new OtherCpuMeter([session.server.pid, ...session.generator.pids]);
  const started = performance.now();
  const typed = await session.generator.type(ratePerTypist, durationMs, seed);
  const drained = await session.generator.drain(DRAIN_TIMEOUT_MS);
  const windowS = (performance.now() - started) / 1000;
  if (drained.disconnects > 0 || drained.lost > 0) {
    const complaints = session.server.logTail().filter((line) => /warn|error|close/i.test(line)).slice(-5);
    if (complaints.length > 0) log(`server said:\n${complaints.join('\n')}`);
  }
  const latency = summarizeLatencies(drained.latencies);
  return {
    drained,
    metrics: {
      p50Ms: latency.p50Ms,
      p95Ms: latency.p95Ms,
      p99Ms: latency.p99Ms,
      maxMs: latency.maxMs,
      lost: drained.lost,
      duplicates: drained.duplicates,
      disconnects: drained.disconnects,
      edits: typed.sent,
      editsPerS: round(typed.sent / (durationMs / 1000), 1),
      delivered: latency.samples,
      serverCpuS: round(serverCpu.read()),
      serverPeakRssMb: round(memory(session.server.pid).peakRssKb / 1024, 1),
      genCpuS: round(generatorCpu.read()),
      // Cores other processes kept busy meanwhile: above a few tenths, the figures are disturbed.
      otherCores: round(otherCpu.read() / windowS),
      windowS: round(windowS, 1),
      timerLagMs: round(typed.maxTimerLagMs, 1),
    },
  };
}
