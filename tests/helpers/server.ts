/**
 * Starts the real server as its own process (`node --import tsx server/main.ts`)
 * on a free port with a temporary DATA_DIR, and knows how to stop it gently
 * (SIGTERM), kill it (SIGKILL) and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface TestServer {
  url: string;
  port: number;
  wsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Every JSON log line printed so far. */
  logs: LogLine[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGTERM and wait for exit; removes the data dir unless keepData. */
  stop(options?: { keepData?: boolean }): Promise<number | null>;
  /** SIGKILL and wait for exit; keeps the data dir. */
  kill(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse a data dir (for restarts); a fresh temp dir otherwise. */
  dataDir?: string;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'samenspel-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // The client built for this test run (globalSetup.ts), when there is one.
      ...(process.env.SAMENSPEL_TEST_STATIC_DIR ? { STATIC_DIR: process.env.SAMENSPEL_TEST_STATIC_DIR } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const listening = new Promise<LogLine>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        return;
      }
      logs.push(parsed);
      if (parsed.msg === 'listening') resolve(parsed);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  const line = await listening;
  const port = line.port as number;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    process: child,
    logs,
    exited,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
