/** Hocuspocus (@hocuspocus/server 4.7.0) as its own process: bench/servers/hocuspocusMain.ts. */
import path from 'node:path';
import type { BenchServer, LaunchOptions } from './BenchServer.ts';
import { spawnServer } from './ServerProcess.ts';
import { removeDir, tempDir } from './tempDir.ts';

function readyPort(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  const parsed = JSON.parse(line) as { msg?: string; port?: number };
  return parsed.msg === 'listening' ? parsed.port : undefined;
}

async function start(options: LaunchOptions, dataDir: string): Promise<BenchServer> {
  const process = await spawnServer({
    command: [globalThis.process.execPath, '--import', 'tsx', 'bench/servers/hocuspocusMain.ts'],
    env: options.persist ? { HOCUSPOCUS_SQLITE: path.join(dataDir, 'hocuspocus.sqlite') } : {},
    cpus: options.cpus,
    readyLine: readyPort,
  });
  return {
    kind: 'hocuspocus',
    pid: process.pid,
    target: { protocol: 'hocuspocus', port: process.port },
    logTail: () => [...process.stdoutTail(), ...process.stderr().split('\n').slice(-50)],
    async restart() {
      await process.stop();
      return start(options, dataDir);
    },
    async dispose() {
      await process.stop();
      removeDir(dataDir);
    },
  };
}

export function launchHocuspocus(options: LaunchOptions): Promise<BenchServer> {
  return start(options, tempDir('samenspel-bench-hocuspocus-'));
}
