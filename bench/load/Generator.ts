/**
 * The coordinator's side of the load generator: a few worker processes
 * (bench/load/worker.ts), optionally pinned to CPUs apart from the server's,
 * each holding a round-robin share of the clients. Requests go to every
 * worker at once and their answers are merged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ServerTarget } from '../servers/BenchServer.ts';
import { onInterrupt } from '../interrupt.ts';
import { ROOT } from '../servers/ServerProcess.ts';
import type {
  ClientSpec,
  ColdLoadReply,
  ConnectedReply,
  DrainedReply,
  Reply,
  Request,
  TypedReply,
  VerifiedReply,
} from './protocol.ts';

export interface GeneratorOptions {
  processes: number;
  /** taskset CPU list for the generator processes, or undefined. */
  cpus: string | undefined;
  /** Write V8 CPU profiles of the generator processes here (to check the generator itself). */
  profileDir?: string | undefined;
}

export interface Drained {
  latencies: Float64Array;
  lost: number;
  duplicates: number;
  disconnects: number;
  waitedMs: number;
}

class Worker {
  private pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  readonly exited: Promise<void>;
  /** Resolves when the process listens for requests (messages sent earlier could be lost). */
  readonly ready: Promise<void>;

  constructor(readonly child: ChildProcess) {
    let onReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (onReady = resolve));
    child.on('message', (reply: Reply) => {
      if (reply.type === 'hello') return onReady();
      const pending = this.pending;
      this.pending = null;
      if (!pending) return;
      if (reply.type === 'error') pending.reject(new Error(`load generator: ${reply.message}`));
      else pending.resolve(reply);
    });
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.pending?.reject(new Error(`load generator exited with ${code}`));
        onReady();
        this.pending = null;
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  async ask<T extends Reply>(request: Request): Promise<T> {
    await this.ready;
    if (this.pending) throw new Error('load generator is busy');
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (reply: Reply) => void, reject };
      this.child.send(request);
    });
  }
}

export class Generator {
  private sentByTypist = new Map<number, number>();
  private docOfTypist = new Map<number, string>();

  private constructor(private readonly workers: Worker[]) {}

  static start(options: GeneratorOptions): Generator {
    const workers = Array.from({ length: options.processes }, () => {
      const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
      const command = [process.execPath, ...profile, '--import', 'tsx', 'bench/load/worker.ts'];
      const [program, ...args] = options.cpus ? ['taskset', '-c', options.cpus, ...command] : command;
      const child = spawn(program!, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
      const forget = onInterrupt(() => child.kill('SIGKILL'));
      child.on('exit', forget);
      return new Worker(child);
    });
    return new Generator(workers);
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.pid);
  }

  /** Connects every client (round-robin over the processes) and waits until all are synced. */
  async connect(
    target: ServerTarget,
    epoch: string,
    clients: ClientSpec[],
    options: { concurrency: number; timeoutMs: number; initialUpdateFile?: string },
  ): Promise<{ connectMs: number }> {
    for (const client of clients) if (client.typist) this.docOfTypist.set(client.id, client.docId);
    const shares = this.workers.map((_, index) => clients.filter((__, i) => i % this.workers.length === index));
    const replies = await Promise.all(
      this.workers.map((worker, index) =>
        worker.ask<ConnectedReply>({
          type: 'connect',
          target,
          epoch,
          clients: shares[index]!,
          concurrency: Math.max(1, Math.ceil(options.concurrency / this.workers.length)),
          timeoutMs: options.timeoutMs,
          ...(options.initialUpdateFile ? { initialUpdateFile: options.initialUpdateFile } : {}),
        }),
      ),
    );
    return { connectMs: Math.max(...replies.map((reply) => reply.connectMs)) };
  }

  /** Every typist types `ratePerTypist` edits a second for `durationMs`; resolves when all have. */
  async type(ratePerTypist: number, durationMs: number, seed: number): Promise<{ sent: number; maxTimerLagMs: number }> {
    const before = this.totalSent();
    const replies = await Promise.all(
      this.workers.map((worker) => worker.ask<TypedReply>({ type: 'type', ratePerTypist, durationMs, seed })),
    );
    for (const reply of replies) {
      for (const [typist, count] of Object.entries(reply.sent)) this.sentByTypist.set(Number(typist), count);
    }
    return { sent: this.totalSent() - before, maxTimerLagMs: Math.max(...replies.map((reply) => reply.maxTimerLagMs)) };
  }

  /** Waits until every receiver holds every edit sent so far (or the timeout), and collects the latencies. */
  async drain(timeoutMs: number): Promise<Drained> {
    const sentByDoc: Record<string, Record<number, number>> = {};
    for (const [typist, count] of this.sentByTypist) {
      const docId = this.docOfTypist.get(typist)!;
      (sentByDoc[docId] ??= {})[typist] = count;
    }
    const replies = await Promise.all(
      this.workers.map((worker) => worker.ask<DrainedReply>({ type: 'drain', sentByDoc, timeoutMs })),
    );
    const latencies = new Float64Array(replies.reduce((sum, reply) => sum + reply.latencies.length, 0));
    let offset = 0;
    for (const reply of replies) {
      latencies.set(reply.latencies, offset);
      offset += reply.latencies.length;
    }
    const sum = (pick: (reply: DrainedReply) => number) => replies.reduce((total, reply) => total + pick(reply), 0);
    return {
      latencies,
      lost: sum((reply) => reply.lost),
      duplicates: sum((reply) => reply.duplicates),
      disconnects: sum((reply) => reply.disconnects),
      waitedMs: Math.max(...replies.map((reply) => reply.waitedMs)),
    };
  }

  /** A fresh client per document checks that the server holds `textLength` characters. */
  async verify(docIds: string[], textLength: number, timeoutMs: number): Promise<string[]> {
    const reply = await this.workers[0]!.ask<VerifiedReply>({ type: 'verify', docIds, textLength, timeoutMs });
    return reply.failures;
  }

  /** A fresh client loads a whole document; see ColdLoadReply for the parts. */
  coldLoad(docId: string, textLength: number, stateVector: Uint8Array, timeoutMs: number): Promise<ColdLoadReply> {
    return this.workers[0]!.ask<ColdLoadReply>({ type: 'coldLoad', docId, textLength, stateVector, timeoutMs });
  }

  /** Closes every client; the processes stay, warm, for the next `connect`. */
  async disconnectClients(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.ask({ type: 'disconnect' })));
  }

  /** Closes every client, then ends the processes. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map((worker) =>
        worker.child.connected ? worker.ask({ type: 'disconnect' }).catch(() => undefined) : undefined,
      ),
    );
    for (const worker of this.workers) if (worker.child.connected) worker.child.disconnect();
    const deadline = setTimeout(() => this.workers.forEach((worker) => worker.child.kill('SIGKILL')), 5000);
    await Promise.all(this.workers.map((worker) => worker.exited));
    clearTimeout(deadline);
  }

  private totalSent(): number {
    let total = 0;
    for (const count of this.sentByTypist.values()) total += count;
    return total;
  }
}
