/**
 * The protocol fuzzer: seeded inputs (inputs.ts) against a running server
 * process, while two stock clients co-edit a healthy document in which the
 * fuzzer also sits as a view-only member.
 *
 * Each input is sent on a raw socket, followed by a sync step 1 as a probe; the
 * input counts as handled when the probe is answered or the server closed the
 * socket (then a new one is opened). Measured: server crashes (the process must
 * never exit, /healthz must answer), unexpected close codes, the healthy room's
 * edit latency before and during the fuzzing, and, after a restart, that the
 * healthy document holds exactly what its two editors wrote.
 */
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import {
  acceptInvite,
  apiRequest,
  collabPath,
  connectClient,
  createWorkspace,
  invite,
  rawSocket,
  syncStep1Message,
  type CollabClient,
  type RawSocket,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { InputGenerator, type InputKind } from './inputs.ts';

export interface FuzzOptions {
  seed: number;
  inputs: number;
  /** Sockets sending at once. */
  workers?: number;
  log?: (line: string) => void;
}

export interface LatencyFigures {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  byKind: Record<string, number>;
  closeCodes: Record<string, number>;
  unexpectedCloses: { code: number; kind: InputKind }[];
  /** Inputs after which the probe was neither answered nor the socket closed within STUCK_AFTER_MS. */
  stuckInputs: { kind: InputKind; bytes: string }[];
  serverCrashes: number;
  healthyBefore: LatencyFigures;
  healthyDuring: LatencyFigures;
  /** The healthy document after a restart equals what its editors wrote. */
  healthyDocumentIntact: boolean;
  /** Clients whose content the stored healthy document holds (only the two editors may appear). */
  storedClients: number[];
  seconds: number;
}

/** Close codes that mean "your input was refused": anything else is a finding. */
const EXPECTED_CLOSES = new Set<number>([CloseCode.badMessage, CloseCode.messageTooBig, 1002, 1007, CloseCode.documentTooLarge]);
const STUCK_AFTER_MS = 5000;
const EDITOR_A = 2001;
const EDITOR_B = 2002;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function figures(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { samples: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

/** A stock-client pair typing in one document; `measure` collects A→B latency for edits made meanwhile. */
class HealthyRoom {
  private sequence = 0;
  private readonly sentAt = new Map<number, number>();
  private samples: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  readonly written: string[] = [];

  constructor(
    readonly a: CollabClient,
    readonly b: CollabClient,
  ) {
    b.doc.on('update', () => {
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
      const n = this.sequence++;
      const marker = `<${n}>`;
      this.written.push(marker);
      this.sentAt.set(n, performance.now());
      const text = this.a.doc.getText('t');
      text.insert(text.length, marker);
    }, intervalMs);
  }

  async stop(): Promise<number[]> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const deadline = Date.now() + 10_000;
    while (this.sentAt.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const samples = this.samples;
    this.samples = [];
    return samples;
  }
}

function isSyncStep2(data: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(data);
    return decoding.readVarUint(decoder) === MessageType.sync && decoding.readVarUint(decoder) === 1;
  } catch {
    return false;
  }
}

export async function runProtocolFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const env = {
    // The fuzzer is one address sending as fast as it can: the abuse limits are tested elsewhere.
    MAX_MESSAGES_PER_SECOND: '1000000',
    MESSAGE_BURST: '1000000',
    MAX_CONNECTIONS_PER_IP: '100000',
  };
  let server: TestServer = await startServer({ env });
  let serverCrashes = 0;
  let expectExit = false;
  const watch = (running: TestServer) =>
    void running.exited.then(() => {
      if (!expectExit) serverCrashes++;
    });
  watch(server);

  const { workspaceId, token } = await createWorkspace(server);
  const viewer = await acceptInvite(server, (await invite(server, workspaceId, token, 'view')).code, 'Vera', 'other');

  const docA = new Y.Doc();
  docA.clientID = EDITOR_A;
  const docB = new Y.Doc();
  docB.clientID = EDITOR_B;
  const a = connectClient({ server, workspaceId, docId: 'plan', token, doc: docA });
  const b = connectClient({ server, workspaceId, docId: 'plan', token, doc: docB });
  await Promise.all([a.synced, b.synced]);
  const healthy = new HealthyRoom(a, b);

  healthy.start(20);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const healthyBefore = figures(await healthy.stop());
  log(`healthy room before fuzzing: p50 ${healthyBefore.p50} ms, p99 ${healthyBefore.p99} ms`);

  const generator = new InputGenerator(options.seed);
  const byKind: Record<string, number> = {};
  const closeCodes: Record<string, number> = {};
  const unexpectedCloses: FuzzReport['unexpectedCloses'] = [];
  const stuckInputs: FuzzReport['stuckInputs'] = [];
  let sent = 0;
  const probe = syncStep1Message(new Y.Doc());

  async function worker(index: number): Promise<void> {
    // Most workers edit their own fuzz documents; every fourth sits in the healthy room, view-only.
    const inHealthyRoom = index % 4 === 3;
    const docId = inHealthyRoom ? 'plan' : `fuzz-${index % 3}`;
    const credential = inHealthyRoom ? viewer.token : token;
    let socket: RawSocket | null = null;
    while (sent < options.inputs && serverCrashes === 0) {
      // Taken before any await, so the workers together send exactly `inputs`.
      const input = generator.next();
      const number = ++sent;
      if (!socket) {
        socket = rawSocket(server, collabPath(workspaceId, docId), { token: credential });
        await socket.opened();
      }
      byKind[input.kind] = (byKind[input.kind] ?? 0) + 1;
      const current: RawSocket = socket;
      const answersBefore = current.messages.filter(isSyncStep2).length;
      current.ws.send(input.data);
      current.ws.send(probe);
      let stuck: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        new Promise<{ stuck: true }>((resolve) => {
          stuck = setTimeout(() => resolve({ stuck: true }), STUCK_AFTER_MS);
        }),
        current.closed.then((closed) => ({ closed })),
        new Promise<{ answered: true }>((resolve) => {
          const check = () => {
            if (current.messages.filter(isSyncStep2).length > answersBefore) {
              current.ws.off('message', check);
              resolve({ answered: true });
            }
          };
          current.ws.on('message', check);
          check();
        }),
      ]);
      clearTimeout(stuck);
      if ('stuck' in outcome) {
        // Neither answered nor closed: the server stopped serving this room (a finding).
        stuckInputs.push({ kind: input.kind, bytes: Buffer.from(input.data.subarray(0, 64)).toString('hex') });
        current.ws.terminate();
        socket = null;
      } else if ('closed' in outcome) {
        const code = outcome.closed.code;
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
        if (!EXPECTED_CLOSES.has(code)) unexpectedCloses.push({ code, kind: input.kind });
        socket = null;
      } else if (current.messages.length > 200) {
        // Keep memory flat: a fresh socket now and then.
        current.ws.close();
        await current.closed;
        socket = null;
      }
      if (number % 10_000 === 0) log(`${number} inputs`);
    }
    if (socket) {
      socket.ws.close();
      await socket.closed;
    }
  }

  healthy.start(20);
  await Promise.all(Array.from({ length: options.workers ?? 8 }, (_, i) => worker(i)));
  const healthyDuring = figures(await healthy.stop());
  log(`healthy room while fuzzing: p50 ${healthyDuring.p50} ms, p99 ${healthyDuring.p99} ms`);

  const health = await apiRequest(server, 'GET', '/healthz').catch(() => ({ status: 0 }));
  if (health.status !== 200) serverCrashes++;
  const expected = healthy.written.join('');
  const seen = a.doc.getText('t').toString();
  a.destroy();
  b.destroy();

  // Restart on the same data: the healthy document holds exactly what its editors wrote.
  expectExit = true;
  await server.stop({ keepData: true });
  expectExit = false;
  server = await startServer({ env, dataDir: server.dataDir });
  watch(server);
  const reader = connectClient({ server, workspaceId, docId: 'plan', token });
  await reader.synced;
  const stored = reader.doc.getText('t').toString();
  const storedClients = [...Y.decodeStateVector(Y.encodeStateVector(reader.doc)).keys()].sort();
  reader.destroy();
  expectExit = true;
  await server.stop();

  return {
    seed: options.seed,
    inputs: sent,
    byKind,
    closeCodes,
    unexpectedCloses,
    stuckInputs,
    serverCrashes,
    healthyBefore,
    healthyDuring,
    healthyDocumentIntact: stored === expected && seen === expected && reader.doc.store.pendingStructs === null,
    storedClients,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
