/**
 * One server under test as its own process: spawned (optionally pinned to CPUs
 * with taskset), ready once a line on its standard output says so, stopped with
 * SIGTERM (a forced kill after a deadline). The benchmark reads its CPU and
 * memory from /proc by pid, so the pid must be the server's own: taskset execs
 * the server in place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { onInterrupt } from '../interrupt.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface SpawnOptions {
  /** The program and its arguments. */
  command: string[];
  env: Record<string, string>;
  /** Working directory; the repository root when omitted. */
  cwd?: string;
  /** A taskset CPU list ("0"), or undefined to let the kernel place it. */
  cpus: string | undefined;
  /** Returns the port once a line of standard output says the server listens, else undefined. */
  readyLine: (line: string) => number | undefined;
  /** Give up when the server is not ready in this time. */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  pid: number;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The tail of what the process wrote to standard error (for failure reports). */
  stderr(): string;
  /** The last lines of standard output (for failure reports). */
  stdoutTail(): string[];
  /** SIGTERM, then SIGKILL when it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const [program, ...args] = options.cpus ? ['taskset', '-c', options.cpus, ...options.command] : options.command;
  const child = spawn(program!, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    // Keep only the tail: a chatty server must not grow the benchmark's memory.
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const forget = onInterrupt(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      forget();
      resolve(code);
    }),
  );
  const tail: string[] = [];
  const timeoutMs = options.startTimeoutMs ?? 30_000;

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.command.join(' ')}: not ready after ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      tail.push(line);
      if (tail.length > 200) tail.shift();
      const found = options.readyLine(line);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.command.join(' ')} exited with ${code} before it was ready\n${stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  // Keep reading standard output so a full pipe never blocks the server.
  child.stdout!.resume();

  return {
    pid: child.pid!,
    port,
    child,
    exited,
    stderr: () => stderr,
    stdoutTail: () => [...tail],
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
