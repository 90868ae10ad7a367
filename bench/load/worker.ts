/**
 * A load-generator process: it holds a share of a scenario's clients (stock
 * providers, each with its own Y.Doc and socket), types on command, and measures
 * at every receiving client how long each edit took to arrive. It answers each
 * request of the coordinator (bench/load/Generator.ts) once; every loop in it
 * is bounded by a count and a deadline.
 */
import { readFileSync } from 'node:fs';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import type { ServerTarget } from '../servers/BenchServer.ts';
import { connectClient, type BenchClient } from './clients.ts';
import { clockFrom } from './clock.ts';
import type { ClientSpec, ColdLoadReply, DrainedReply, Reply, Request, TypedReply } from './protocol.ts';
import { readStamps, stamp } from './stamp.ts';

interface Participant {
  spec: ClientSpec;
  client: BenchClient;
  /** Edits received per typist id (cumulative). */
  received: Map<number, number>;
}

let target: ServerTarget | null = null;
let now: () => number = clockFrom(process.hrtime.bigint().toString());
const participants: Participant[] = [];
let latencies: number[] = [];
const sent = new Map<number, number>();

function send(reply: Reply): void {
  process.send!(reply);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Reads the tokens a remote transaction inserted straight from the items it
 * added (each client's structs between its clock before and after), instead of
 * `event.delta`, which walks the whole text on every event and would make the
 * generator, not the server, the bottleneck as documents grow. Observers run
 * before Yjs merges neighbouring items, so the first new struct starts exactly
 * at the clock before the transaction.
 */
function observe(participant: Participant): void {
  const { doc, text } = participant.client;
  text.observe((_event, transaction) => {
    if (transaction.local) return;
    const at = now();
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = doc.store.clients.get(client);
      if (!structs) continue;
      for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
        const struct = structs[i];
        if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
        readStamps(struct.content.str, (typist, sentAt) => {
          participant.received.set(typist, (participant.received.get(typist) ?? 0) + 1);
          latencies.push((at - sentAt) / 1000);
        });
      }
    }
  });
}

async function connect(request: Extract<Request, { type: 'connect' }>): Promise<Reply> {
  target = request.target;
  now = clockFrom(request.epoch);
  const initial = request.initialUpdateFile ? new Uint8Array(readFileSync(request.initialUpdateFile)) : null;
  const started = performance.now();
  const deadline = started + request.timeoutMs;
  for (let i = 0; i < request.clients.length; i += request.concurrency) {
    const batch = request.clients.slice(i, i + request.concurrency).map((spec) => {
      const doc = new Y.Doc();
      if (initial) Y.applyUpdate(doc, initial);
      const participant: Participant = { spec, client: connectClient(request.target, spec.docId, now, doc), received: new Map() };
      participants.push(participant);
      observe(participant);
      return participant.client.synced;
    });
    await withTimeout(Promise.all(batch), Math.max(1, deadline - performance.now()), `connecting ${request.clients.length} clients`);
  }
  return { type: 'connected', connectMs: performance.now() - started };
}

async function type(request: Extract<Request, { type: 'type' }>): Promise<TypedReply> {
  latencies = [];
  const typists = participants.filter((participant) => participant.spec.typist);
  const intervalMs = 1000 / request.ratePerTypist;
  const started = performance.now();
  let maxTimerLagMs = 0;
  await Promise.all(
    typists.map(
      ({ spec, client }) =>
        new Promise<void>((resolve) => {
          // A seeded phase per typist, so typists do not all hit the same millisecond.
          const phase = prng.real53(prng.create(request.seed * 100_003 + spec.id)) * intervalMs;
          const edits = Math.floor((request.durationMs - phase) / intervalMs) + 1;
          let k = 0;
          const next = () => {
            if (k >= edits) return resolve();
            const due = started + phase + k * intervalMs;
            setTimeout(() => {
              maxTimerLagMs = Math.max(maxTimerLagMs, performance.now() - due);
              client.text.insert(client.text.length, stamp(spec.id, now()));
              sent.set(spec.id, (sent.get(spec.id) ?? 0) + 1);
              k++;
              next();
            }, Math.max(0, due - performance.now()));
          };
          next();
        }),
    ),
  );
  return { type: 'typed', sent: Object.fromEntries(sent), maxTimerLagMs };
}

function missing(sentByDoc: Record<string, Record<number, number>>): { lost: number; duplicates: number } {
  let lost = 0;
  let duplicates = 0;
  for (const { spec, received } of participants) {
    for (const [typistKey, count] of Object.entries(sentByDoc[spec.docId] ?? {})) {
      const typist = Number(typistKey);
      if (typist === spec.id) continue;
      const got = received.get(typist) ?? 0;
      lost += Math.max(0, count - got);
      duplicates += Math.max(0, got - count);
    }
  }
  return { lost, duplicates };
}

async function drain(request: Extract<Request, { type: 'drain' }>): Promise<DrainedReply> {
  const started = performance.now();
  let counts = missing(request.sentByDoc);
  while (counts.lost > 0 && performance.now() - started < request.timeoutMs) {
    await sleep(10);
    counts = missing(request.sentByDoc);
  }
  const disconnects = participants.reduce((sum, participant) => sum + participant.client.disconnects(), 0);
  return {
    type: 'drained',
    latencies: Float64Array.from(latencies),
    ...counts,
    disconnects,
    waitedMs: performance.now() - started,
  };
}

async function verify(request: Extract<Request, { type: 'verify' }>): Promise<Reply> {
  const failures: string[] = [];
  for (const docId of request.docIds) {
    const client = connectClient(target!, docId, now);
    try {
      await withTimeout(client.synced, request.timeoutMs, `verifying ${docId}`);
      const deadline = performance.now() + request.timeoutMs;
      while (client.text.length !== request.textLength && performance.now() < deadline) await sleep(10);
      if (client.text.length !== request.textLength) {
        failures.push(`${docId}: ${client.text.length} characters, expected ${request.textLength}`);
      }
    } catch (error) {
      failures.push(`${docId}: ${(error as Error).message}`);
    } finally {
      client.destroy();
    }
  }
  return { type: 'verified', failures };
}

function covers(doc: Y.Doc, stateVector: Map<number, number>): boolean {
  for (const [client, clock] of stateVector) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}

async function coldLoad(request: Extract<Request, { type: 'coldLoad' }>): Promise<ColdLoadReply> {
  const expected = Y.decodeStateVector(request.stateVector);
  const doc = new Y.Doc();
  let matchedAt = NaN;
  let completingMessageAt = NaN;
  const matched = new Promise<void>((resolve) => {
    doc.on('afterTransaction', () => {
      if (!Number.isNaN(matchedAt)) return;
      if (doc.getText('body').length === request.textLength && covers(doc, expected)) {
        matchedAt = now();
        completingMessageAt = client.times.lastMessageAt;
        resolve();
      }
    });
  });
  const started = now();
  const client = connectClient(target!, request.docId, now, doc);
  try {
    await withTimeout(matched, request.timeoutMs, `cold load of ${request.docId}`);
  } finally {
    client.destroy();
  }
  return {
    type: 'coldLoaded',
    totalMs: (matchedAt - started) / 1000,
    serverPartMs: (completingMessageAt - client.times.openedAt) / 1000,
    openMs: (client.times.openedAt - started) / 1000,
    applyMs: (matchedAt - completingMessageAt) / 1000,
  };
}

async function handle(request: Request): Promise<Reply> {
  switch (request.type) {
    case 'connect':
      return connect(request);
    case 'type':
      return type(request);
    case 'drain':
      return drain(request);
    case 'verify':
      return verify(request);
    case 'coldLoad':
      return coldLoad(request);
    case 'disconnect':
      for (const participant of participants.splice(0)) participant.client.destroy();
      return { type: 'disconnected' };
    default: {
      const unknown: never = request;
      throw new Error(`unknown request ${JSON.stringify(unknown)}`);
    }
  }
}

// Every stock provider adds listeners to the process (exit hooks); hundreds are expected here.
process.setMaxListeners(0);
process.on('message', (request: Request) => {
  handle(request).then(send, (error: unknown) => send({ type: 'error', message: (error as Error).stack ?? String(error) }));
});
// The coordinator gone means the run is over.
process.on('disconnect', () => process.exit(0));
send({ type: 'hello' });
