/**
 * The reference y-websocket server (@y/websocket-server 0.1.1), run as its own
 * shipped entry point (`src/server.js`, with the `ws` it depends on). It listens
 * on the PORT it is given and has no port 0, so it gets a free port. With
 * `persist` it stores documents in LevelDB (its YPERSISTENCE option).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BenchServer, LaunchOptions } from './BenchServer.ts';
import { freePort } from './freePort.ts';
import { spawnServer } from './ServerProcess.ts';
import { removeDir, tempDir } from './tempDir.ts';

const require = createRequire(import.meta.url);
const ENTRY = path.join(path.dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');

async function start(options: LaunchOptions, dataDir: string): Promise<BenchServer> {
  const port = await freePort();
  const process = await spawnServer({
    command: [globalThis.process.execPath, ENTRY],
    env: { HOST: '127.0.0.1', PORT: String(port), ...(options.persist ? { YPERSISTENCE: dataDir } : {}) },
    cpus: options.cpus,
    readyLine: (line) => (line.startsWith('running at') ? port : undefined),
  });
  return {
    kind: 'reference',
    pid: process.pid,
    target: { protocol: 'y-websocket', port },
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

export function launchReference(options: LaunchOptions): Promise<BenchServer> {
  return start(options, tempDir('samenspel-bench-reference-'));
}
