/**
 * Bad connections must not starve other rooms (issue 7, "Faults"). Against one
 * real server, while a typist in a room of its own measures how long each edit
 * takes to reach a second client:
 *   - stallers: raw TCP clients that stop mid-way (in the upgrade request's
 *     headers, in a frame header, in a frame's payload) and then just wait;
 *   - slow readers: clients that never read, and ask again and again for the
 *     whole of a big document; the server must drop them once more than
 *     MAX_BUFFERED_BYTES waits for them (server/http/boundedSocket.ts) instead
 *     of buffering it all;
 *   - reconnect storms: 200 stock y-websocket clients connecting to one room at
 *     once, all dropped, and again (from a process of their own: reconnectStorm.ts).
 * The figures are the typist's latency before and during, edits lost, the
 * storm's time to sync, the slow readers dropped and the server's memory.
 * `npm test` runs a short version (badConnections.test.ts), `npm run harden` a long one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import {
  apiRequest,
  connectClient,
  createWorkspace,
  syncStep1Message,
  type CollabClient,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

export interface BadConnectionsOptions {
  /** How long the bad clients are at it; reconnect storms repeat until then (at least one). */
  durationMs: number;
  stormClients: number;
  /** Pause between storms (0: back to back). */
  stormGapMs?: number;
  /** Raw clients that stop mid-request or mid-frame and wait, kept open to the end. */
  stallers: number;
  /** Clients that never read and request the whole big document `requestsPerReader` times. */
  slowReaders: number;
  requestsPerReader: number;
  /** Size of the big document the slow readers ask for. */
  bigDocumentBytes: number;
  /** MAX_BUFFERED_BYTES for this server. */
  maxBufferedBytes: number;
  log?: (line: string) => void;
}

export interface LatencyFigures {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface BadConnectionsReport {
  typistBefore: LatencyFigures;
  typistDuring: LatencyFigures;
  editsTyped: number;
  editsLost: number;
  stormRounds: number;
  stormClients: number;
  /** Per round: ms from the first connect until every client had synced. */
  stormSyncMs: number[];
  stormFailures: number;
  stallers: number;
  slowReaders: number;
  /** Slow readers the server dropped, with the log line saying so. */
  slowReadersDropped: number;
  /** Server RSS before the bad clients came and its peak while they were there (MB). */
  rssBeforeMb: number;
  rssPeakMb: number;
  /** What the slow readers asked the server to send them, in MB (what it would have buffered unbounded). */
  requestedMb: number;
  healthyAfter: boolean;
  serverErrors: number;
  seconds: number;
}

const PERCENT = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function latencyFigures(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { samples: sorted.length, p50: round(PERCENT(sorted, 50)), p99: round(PERCENT(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

/** Two stock clients in one room: A appends a numbered marker every `intervalMs`, B notes when each arrives. */
class Typist {
  private next = 0;
  private readonly sentAt = new Map<number, number>();
  private samples: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  typed = 0;

  constructor(
    private readonly a: CollabClient,
    private readonly b: CollabClient,
  ) {
    b.doc.on('update', () => {
      if (this.sentAt.size === 0) return;
      const text = b.doc.getText('t').toString();
      for (const [n, at] of this.sentAt) {
        if (text.includes(`<${n}>`)) {
          this.samples.push(performance.now() - at);
          this.sentAt.delete(n);
        }
      }
    });
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      const n = this.next++;
      this.typed++;
      this.sentAt.set(n, performance.now());
      const text = this.a.doc.getText('t');
      text.insert(text.length, `<${n}>`);
    }, intervalMs);
  }

  /** Stops typing, waits up to 10 s for what is on its way; returns the latencies and how many never arrived. */
  async stop(): Promise<{ samples: number[]; lost: number }> {
    if (this.timer) clearInterval(this.timer);
    const deadline = Date.now() + 10_000;
    while (this.sentAt.size > 0 && Date.now() < deadline) await wait(20);
    const result = { samples: this.samples, lost: this.sentAt.size };
    this.samples = [];
    this.sentAt.clear();
    return result;
  }
}

/** An upgrade request written by hand, so a client can stop anywhere in it. */
function upgradeRequest(port: number, path: string): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

/** A masked binary client frame (RFC 6455 5.2) carrying `payload`. */
function clientFrame(payload: Uint8Array): Buffer {
  const mask = randomBytes(4);
  const length = payload.byteLength;
  const header =
    length < 126
      ? Buffer.from([0x82, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
  return Buffer.concat([header, mask, body]);
}

/** Opens a raw TCP connection and completes the upgrade; resolves once the 101 arrived. */
function rawUpgrade(port: number, path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let head = '';
    socket.on('error', () => undefined);
    socket.once('connect', () => socket.write(upgradeRequest(port, path)));
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
  });
}

/** Stallers of three kinds, round robin: cut inside the upgrade headers, inside a frame header, inside a payload. */
async function openStaller(port: number, path: string, kind: number): Promise<net.Socket> {
  if (kind === 0) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    const request = upgradeRequest(port, path);
    socket.once('connect', () => socket.write(request.slice(0, request.length - 20)));
    return socket;
  }
  const socket = await rawUpgrade(port, path);
  const frame = clientFrame(syncStep1Message(new Y.Doc()));
  const cutAt = kind === 1 ? 1 : frame.length - 1;
  socket.write(frame.subarray(0, cutAt));
  return socket;
}

/** Reconnect storms from their own process (reconnectStorm.ts); resolves with one entry per storm. */
function runStorms(
  port: number,
  workspaceId: string,
  token: string,
  options: BadConnectionsOptions,
  log: (line: string) => void,
): Promise<{ syncMs: number; failures: number }[]> {
  const script = path.join(import.meta.dirname, 'reconnectStorm.ts');
  const args = [String(port), workspaceId, token, String(options.stormClients), String(options.durationMs), String(options.stormGapMs ?? 0)];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const storms: { syncMs: number; failures: number }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const storm = JSON.parse(line) as { syncMs: number; failures: number };
    storms.push(storm);
    log(`storm ${storms.length}: ${options.stormClients} clients synced in ${storm.syncMs} ms (${storm.failures} failed)`);
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(storms) : reject(new Error(`reconnect storm process exited with ${code}`)))),
  );
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function runBadConnections(options: BadConnectionsOptions): Promise<BadConnectionsReport> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  const server: TestServer = await startServer({
    env: {
      MAX_BUFFERED_BYTES: String(options.maxBufferedBytes),
      MAX_CONNECTIONS_PER_IP: String(options.stormClients + options.stallers + options.slowReaders + 50),
    },
  });
  const clients: CollabClient[] = [];
  const rawSockets: net.Socket[] = [];
  try {
    const { workspaceId, token } = await createWorkspace(server);
    const path = (docId: string) => `/collab/${workspaceId}/${docId}?token=${token}`;

    const a = connectClient({ server, workspaceId, docId: 'typist', token });
    const b = connectClient({ server, workspaceId, docId: 'typist', token });
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    const typist = new Typist(a, b);
    typist.start(25);
    await wait(1500);
    const before = await typist.stop();
    log(`typist alone: ${JSON.stringify(latencyFigures(before.samples))}`);

    // The big document the slow readers will ask for, written by an ordinary client.
    const writer = connectClient({ server, workspaceId, docId: 'big', token });
    clients.push(writer);
    await writer.synced;
    writer.doc.getText('t').insert(0, 'x'.repeat(options.bigDocumentBytes));
    const probe = connectClient({ server, workspaceId, docId: 'big', token });
    await probe.synced;
    await until(() => probe.doc.getText('t').length === options.bigDocumentBytes, 20_000, 'the big document stored');
    probe.destroy();

    const rssBefore = rssMb(server.process.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.process.pid!))), 50);
    const logsBefore = server.logs.length;
    typist.start(25);

    for (let i = 0; i < options.stallers; i++) rawSockets.push(await openStaller(server.port, path('stalled'), i % 3));
    log(`${options.stallers} stallers waiting mid-request or mid-frame`);

    const fullStateRequest = clientFrame(syncStep1Message(new Y.Doc()));
    for (let i = 0; i < options.slowReaders; i++) {
      const reader = await rawUpgrade(server.port, path('big'));
      reader.pause(); // never reads again: everything the server sends piles up
      rawSockets.push(reader);
      for (let r = 0; r < options.requestsPerReader; r++) reader.write(fullStateRequest);
    }
    const requestedMb = Math.round((options.slowReaders * options.requestsPerReader * options.bigDocumentBytes) / 1024 / 1024);
    log(`${options.slowReaders} slow readers asked for ${requestedMb} MB in all`);

    const storms = await runStorms(server.port, workspaceId, token, options, log);
    const stormSyncMs = storms.map((storm) => storm.syncMs);
    const stormFailures = storms.reduce((sum, storm) => sum + storm.failures, 0);

    const dropLine = 'client stopped reading; connection dropped';
    const dropped = () => server.logs.slice(logsBefore).filter((line) => line.msg === dropLine).length;
    await until(() => dropped() >= options.slowReaders, 30_000, 'the slow readers to be dropped').catch(() => undefined);
    const during = await typist.stop();
    clearInterval(sampler);
    log(`typist during: ${JSON.stringify(latencyFigures(during.samples))}, lost ${during.lost}`);

    const health = await apiRequest<{ ok: boolean }>(server, 'GET', '/healthz');
    return {
      typistBefore: latencyFigures(before.samples),
      typistDuring: latencyFigures(during.samples),
      editsTyped: typist.typed,
      editsLost: before.lost + during.lost,
      stormRounds: stormSyncMs.length,
      stormClients: options.stormClients,
      stormSyncMs,
      stormFailures,
      stallers: options.stallers,
      slowReaders: options.slowReaders,
      slowReadersDropped: dropped(),
      rssBeforeMb: rssBefore,
      rssPeakMb: rssPeak,
      requestedMb,
      healthyAfter: health.status === 200 && health.body.ok === true && server.process.exitCode === null,
      serverErrors: server.logs.filter((line) => line.level === 'error' || line.level === 'fatal').length,
      seconds: Math.round((performance.now() - startedAt) / 100) / 10,
    };
  } finally {
    for (const socket of rawSockets) socket.destroy();
    for (const client of clients) client.destroy();
    await server.stop();
  }
}
