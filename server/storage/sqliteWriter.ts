/**
 * The main thread's side of the SQLite writer thread (sqliteWriterThread.ts):
 * starts it, posts requests and settles each one's promise when its reply
 * comes. Replies come in request order, as the thread handles one at a time.
 *
 * The thread is referenced only while a request is outstanding: a script that
 * awaits an append stays alive until it is committed, and an idle storage does
 * not keep the process from exiting.
 */
import { Worker } from 'node:worker_threads';
import type { AppendedUpdate } from './Storage.ts';

export interface WriterStart {
  file: string;
  busyTimeoutMs: number;
}

export interface WriterAppend {
  workspaceId: string;
  docId: string;
  update: Uint8Array;
  memberId: string | null;
  at: number;
}

export type WriterRequest =
  | { id: number; kind: 'append'; items: WriterAppend[] }
  | { id: number; kind: 'compact'; workspaceId: string; docId: string }
  | { id: number; kind: 'close' };

export type WriterReply =
  | { id: number; ok: true; appended?: AppendedUpdate[] }
  | { id: number; ok: false; error: { message: string; code: string | undefined } };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Outstanding {
  resolve(reply: Extract<WriterReply, { ok: true }>): void;
  reject(error: Error): void;
}

/** An error the writer thread reported, with SQLite's code (SQLITE_BUSY, SQLITE_FULL, …) kept. */
export class SqliteWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteWriteError';
  }
}

export class SqliteWriter {
  readonly #worker: Worker;
  readonly #outstanding = new Map<number, Outstanding>();
  #nextId = 1;
  /** Set once the thread is gone: every later request fails with it. */
  #stopped: Error | null = null;
  readonly #exited: Promise<void>;
  #markReady!: () => void;
  /** Resolves once the thread has opened its connection; rejects if it could not. */
  readonly ready: Promise<void>;

  constructor(start: WriterStart) {
    const started = new Promise<void>((resolve) => (this.#markReady = resolve));
    // Referenced while it starts, so a process awaiting the storage's opening stays alive for it.
    this.#worker = new Worker(new URL('./sqliteWriterBoot.mjs', import.meta.url), { workerData: start });
    this.#worker.on('message', (reply: WriterReply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#stop(error));
    this.#exited = new Promise((resolve) => {
      this.#worker.once('exit', (code) => {
        this.#stop(new Error(`SQLite writer thread exited (code ${code})`));
        resolve();
      });
    });
    this.ready = Promise.race([
      started,
      this.#exited.then(() => {
        throw this.#stopped;
      }),
    ]);
  }

  /** Commits the appends in one transaction, in order. */
  async append(items: WriterAppend[]): Promise<AppendedUpdate[]> {
    const reply = await this.#request({ kind: 'append', items });
    return reply.appended ?? [];
  }

  /** Merges the snapshot and the log after it into a new snapshot (see Storage.compact). */
  async compact(workspaceId: string, docId: string): Promise<void> {
    await this.#request({ kind: 'compact', workspaceId, docId });
  }

  /** Closes the thread's connection after the requests before it, and ends the thread. */
  async close(): Promise<void> {
    if (!this.#stopped) await this.#request({ kind: 'close' }).catch(() => undefined);
    await this.#worker.terminate();
    await this.#exited;
  }

  #request(request: WithoutId<WriterRequest>): Promise<Extract<WriterReply, { ok: true }>> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#outstanding.set(id, { resolve, reject });
      if (this.#outstanding.size === 1) this.#worker.ref();
      this.#worker.postMessage({ ...request, id });
    });
  }

  #settle(reply: WriterReply): void {
    if (reply.id === 0) {
      // The thread's "started" message.
      if (this.#outstanding.size === 0) this.#worker.unref();
      this.#markReady();
      return;
    }
    const outstanding = this.#outstanding.get(reply.id);
    if (!outstanding) return;
    this.#outstanding.delete(reply.id);
    if (this.#outstanding.size === 0) this.#worker.unref();
    if (reply.ok) outstanding.resolve(reply);
    else outstanding.reject(new SqliteWriteError(reply.error.message, reply.error.code));
  }

  #stop(error: Error): void {
    this.#stopped ??= error;
    for (const outstanding of this.#outstanding.values()) outstanding.reject(this.#stopped);
    this.#outstanding.clear();
  }
}
