/**
 * What several processes on PostgreSQL and Redis cost and give (issue 5):
 *
 *   node --import tsx bench/cluster.ts [--quick]
 *
 * latency     stored-before-forwarded, one edit in flight at a time: a raw
 *             socket sends an update, another socket in the same room receives
 *             it; p50/p99 of that round trip on SQLite and on PostgreSQL in the
 *             same run (one process each), and on PostgreSQL + Redis with the
 *             two sockets on two processes.
 * throughput  updates per second with 1, 2 and 3 processes (PostgreSQL + Redis):
 *             12 documents, each with a writer that sends its updates in one
 *             burst and a reader on the next process; the time until every reader
 *             holds every update.
 *
 * Needs the PostgreSQL and Redis of tests/helpers/services.ts; uses a new
 * database per configuration and drops it. Server processes and this client
 * share the machine's cores: read the figures as relative. Before each
 * measurement it waits (up to a minute) for the machine to be quiet, and
 * reports how busy it was.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../shared/protocol.ts';
import { encodeUpdate } from '../server/sync/messages.ts';
import { startServer, type TestServer } from '../tests/helpers/server.ts';
import { createTestDatabase, redisTestPrefix, REDIS_URL, requireServices } from '../tests/helpers/services.ts';

const quick = process.argv.includes('--quick');
const LATENCY_SAMPLES = quick ? 150 : 600;
const LATENCY_WARMUP = 30;
const DOCS = 12;
const UPDATES_PER_DOC = quick ? 100 : 1000;
const THROUGHPUT_REPS = quick ? 1 : 5;
const QUIET_BUSY_CORES = 0.3;
const QUIET_WAIT_MS = 60_000;

function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/** Busy cores (0..cores) over the next half second. */
async function busyCores(): Promise<number> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = cpuTimes();
  const cores = (await import('node:os')).cpus().length;
  return ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * cores;
}

/** Waits until other work on the machine has calmed down (or a minute passed); returns the busy cores seen last. */
async function waitForQuiet(): Promise<number> {
  const started = Date.now();
  let busy = await busyCores();
  while (busy > QUIET_BUSY_CORES && Date.now() - started < QUIET_WAIT_MS) busy = await busyCores();
  return round(busy);
}

const busyBefore: number[] = [];

interface Session {
  workspaceId: string;
  token: string;
}

async function createWorkspace(server: TestServer): Promise<Session> {
  const response = await fetch(`${server.url}/api/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', member: { name: 'Bench', role: 'other' } }),
  });
  if (response.status !== 201) throw new Error(`create workspace: ${response.status}`);
  return (await response.json()) as Session;
}

/** A raw collaboration socket that applies every update it receives to its own Y.Doc. */
class Peer {
  readonly doc = new Y.Doc();
  private waiters: { length: number; resolve: () => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
  }

  static async open(server: TestServer, session: Session, docId: string): Promise<Peer> {
    const ws = new WebSocket(`${server.wsUrl}/${session.workspaceId}/${docId}?token=${session.token}`, {
      perMessageDeflate: false,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Peer(ws);
  }

  get length(): number {
    return this.doc.getText('t').length;
  }

  /** Resolves once the text has at least `length` characters. */
  until(length: number): Promise<void> {
    if (this.length >= length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ length, resolve }));
  }

  send(update: Uint8Array): void {
    this.ws.send(encodeUpdate(update));
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return;
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== SyncMessageType.step2 && syncType !== SyncMessageType.update) return;
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder));
    const length = this.length;
    const ready = this.waiters.filter((waiter) => waiter.length <= length);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.length > length);
    for (const waiter of ready) waiter.resolve();
  }
}

/** `count` updates, each appending one character to the text 't' of one writer's document. */
function typedUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('t');
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  doc.destroy();
  return updates;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LatencyResult {
  p50: number;
  p99: number;
  mean: number;
}

async function measureLatency(writerServer: TestServer, readerServer: TestServer, session: Session, docId: string): Promise<LatencyResult> {
  const updates = typedUpdates(LATENCY_WARMUP + LATENCY_SAMPLES);
  const reader = await Peer.open(readerServer, session, docId);
  const writer = await Peer.open(writerServer, session, docId);
  const samples: number[] = [];
  try {
    for (const [i, update] of updates.entries()) {
      const started = performance.now();
      writer.send(update);
      await reader.until(i + 1);
      if (i >= LATENCY_WARMUP) samples.push(performance.now() - started);
    }
  } finally {
    writer.close();
    reader.close();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(samples.reduce((sum, s) => sum + s, 0) / samples.length),
  };
}

async function measureThroughput(servers: TestServer[], session: Session, rep: number): Promise<number> {
  const pairs = await Promise.all(
    Array.from({ length: DOCS }, async (_, d) => {
      const docId = `bench-${rep + 1}-${d}`;
      const reader = await Peer.open(servers[(d + 1) % servers.length]!, session, docId);
      const writer = await Peer.open(servers[d % servers.length]!, session, docId);
      return { reader, writer, updates: typedUpdates(UPDATES_PER_DOC) };
    }),
  );
  try {
    const started = performance.now();
    for (const { writer, updates } of pairs) for (const update of updates) writer.send(update);
    await Promise.all(pairs.map(({ reader }) => reader.until(UPDATES_PER_DOC)));
    return (DOCS * UPDATES_PER_DOC) / ((performance.now() - started) / 1000);
  } finally {
    for (const { reader, writer } of pairs) {
      reader.close();
      writer.close();
    }
  }
}

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function withServers<T>(
  count: number,
  backend: 'sqlite' | 'postgres' | 'postgres+redis',
  work: (servers: TestServer[]) => Promise<T>,
): Promise<T> {
  const database = backend === 'sqlite' ? null : await createTestDatabase();
  const env: Record<string, string> = {};
  if (database) env.DATABASE_URL = database.url;
  if (backend === 'postgres+redis') {
    env.REDIS_URL = REDIS_URL;
    env.REDIS_CHANNEL_PREFIX = redisTestPrefix();
  }
  const servers = await Promise.all(Array.from({ length: count }, () => startServer({ env })));
  try {
    return await work(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  }
}

async function main(): Promise<void> {
  const services = await requireServices(['postgres', 'redis']);
  if (!services.available) throw new Error(`bench/cluster.ts needs PostgreSQL and Redis${services.skipNote}`);
  const started = Date.now();
  const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

  const latency: Record<string, LatencyResult> = {};
  // Alternating backends in one run, so a busy moment of the machine hits both alike.
  await withServers(1, 'sqlite', async ([sqlite]) => {
    await withServers(1, 'postgres', async ([postgres]) => {
      const sqliteSession = await createWorkspace(sqlite!);
      const postgresSession = await createWorkspace(postgres!);
      const runs: Record<string, LatencyResult[]> = { sqlite: [], postgres: [] };
      for (let round = 0; round < 2; round++) {
        busyBefore.push(await waitForQuiet());
        log(`latency round ${round + 1}: SQLite`);
        runs.sqlite!.push(await measureLatency(sqlite!, sqlite!, sqliteSession, `latency-${round}`));
        log(`latency round ${round + 1}: PostgreSQL`);
        runs.postgres!.push(await measureLatency(postgres!, postgres!, postgresSession, `latency-${round}`));
      }
      for (const [name, results] of Object.entries(runs)) {
        latency[name] = {
          p50: median(results.map((r) => r.p50)),
          p99: median(results.map((r) => r.p99)),
          mean: median(results.map((r) => r.mean)),
        };
      }
    });
  });
  await withServers(2, 'postgres+redis', async (servers) => {
    busyBefore.push(await waitForQuiet());
    log('latency: PostgreSQL + Redis, writer and reader on two processes');
    const session = await createWorkspace(servers[0]!);
    latency['postgres+redis, 2 processes'] = await measureLatency(servers[0]!, servers[1]!, session, 'latency');
  });

  const throughput: Record<string, { updatesPerSecond: number; runs: number[] }> = {};
  for (const processes of [1, 2, 3]) {
    await withServers(processes, 'postgres+redis', async (servers) => {
      const session = await createWorkspace(servers[0]!);
      const runs: number[] = [];
      await measureThroughput(servers, session, -1); // warm-up: JIT, pools, subscriptions
      for (let rep = 0; rep < THROUGHPUT_REPS; rep++) {
        busyBefore.push(await waitForQuiet());
        log(`throughput: ${processes} process(es), repetition ${rep + 1}`);
        runs.push(Math.round(await measureThroughput(servers, session, rep)));
      }
      throughput[`${processes} process${processes > 1 ? 'es' : ''}`] = { updatesPerSecond: median(runs), runs };
    });
  }
  await withServers(1, 'sqlite', async (servers) => {
    const session = await createWorkspace(servers[0]!);
    const runs: number[] = [];
    await measureThroughput(servers, session, -1);
    for (let rep = 0; rep < THROUGHPUT_REPS; rep++) {
      busyBefore.push(await waitForQuiet());
      log(`throughput: 1 process on SQLite (reference), repetition ${rep + 1}`);
      runs.push(Math.round(await measureThroughput(servers, session, rep)));
    }
    throughput['1 process, SQLite (reference)'] = { updatesPerSecond: median(runs), runs };
  });

  const added = { p50: round(latency.postgres!.p50 - latency.sqlite!.p50), p99: round(latency.postgres!.p99 - latency.sqlite!.p99) };
  console.log('\nstored-before-forwarded round trip, ms (one edit in flight, ' + LATENCY_SAMPLES + ' samples per run):');
  for (const [name, result] of Object.entries(latency)) {
    console.log(`  ${name.padEnd(30)} p50 ${String(result.p50).padStart(6)}   p99 ${String(result.p99).padStart(6)}   mean ${result.mean}`);
  }
  console.log(`  PostgreSQL adds                p50 ${String(added.p50).padStart(6)}   p99 ${String(added.p99).padStart(6)}`);
  console.log(`\nupdates per second (${DOCS} documents × ${UPDATES_PER_DOC} updates, writer and reader on different processes):`);
  for (const [name, result] of Object.entries(throughput)) {
    console.log(`  ${name.padEnd(30)} ${String(result.updatesPerSecond).padStart(6)}   (runs: ${result.runs.join(', ')})`);
  }
  console.log(
    `\nother work on the machine before each measurement (busy cores): max ${Math.max(...busyBefore)}, median ${median(busyBefore)}`,
  );
  console.log(
    `\n${JSON.stringify({ latencyMs: latency, postgresAddsMs: added, throughput, busyCoresBefore: busyBefore, quick, machineCores: (await import('node:os')).cpus().length })}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
