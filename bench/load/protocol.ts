/**
 * The messages between the benchmark (coordinator) and its load-generator
 * processes. Each request gets exactly one answer; the generator does nothing
 * on its own between requests except keep its clients connected.
 */
import type { ServerTarget } from '../servers/BenchServer.ts';

export interface ClientSpec {
  /** Unique in the run; a typist's id is written into its edits. */
  id: number;
  docId: string;
  typist: boolean;
}

export type Request =
  | {
      type: 'connect';
      target: ServerTarget;
      epoch: string;
      clients: ClientSpec[];
      /** How many clients connect at the same time. */
      concurrency: number;
      /** A file holding a Yjs update each client applies before it connects (its content to upload). */
      initialUpdateFile?: string;
      timeoutMs: number;
    }
  | { type: 'type'; ratePerTypist: number; durationMs: number; seed: number }
  | {
      type: 'drain';
      /** Edits sent so far by every typist of the run, per document. */
      sentByDoc: Record<string, Record<number, number>>;
      timeoutMs: number;
    }
  | { type: 'verify'; docIds: string[]; textLength: number; timeoutMs: number }
  | { type: 'coldLoad'; docId: string; textLength: number; stateVector: Uint8Array; timeoutMs: number }
  | { type: 'disconnect' };

export interface ConnectedReply {
  type: 'connected';
  connectMs: number;
}

export interface TypedReply {
  type: 'typed';
  /** Edits sent so far (cumulative over steps), per typist id. */
  sent: Record<number, number>;
  /** How late the typing timers fired, worst case: a generator that cannot keep up shows here. */
  maxTimerLagMs: number;
}

export interface DrainedReply {
  type: 'drained';
  /** Propagation latencies (ms) of every edit received since the last `type`, at every receiver. */
  latencies: Float64Array;
  /** Edits a receiver never got (cumulative). */
  lost: number;
  /** Edits a receiver got more than once (cumulative). */
  duplicates: number;
  disconnects: number;
  waitedMs: number;
}

export interface VerifiedReply {
  type: 'verified';
  failures: string[];
}

export interface ColdLoadReply {
  type: 'coldLoaded';
  /** From creating the provider to holding the whole document. */
  totalMs: number;
  /** From the socket's open to the arrival of the message that completed the document: the server's part. */
  serverPartMs: number;
  /** From creating the provider to the socket's open. */
  openMs: number;
  /** From the arrival of the completing message to holding the whole document: the client applying it. */
  applyMs: number;
}

export type Reply =
  | ConnectedReply
  | TypedReply
  | DrainedReply
  | VerifiedReply
  | ColdLoadReply
  | { type: 'disconnected' }
  /** Sent once when the process is ready for requests. */
  | { type: 'hello' }
  | { type: 'error'; message: string };
