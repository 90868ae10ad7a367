/**
 * Reconnect storms from a process of their own, so the clients measuring other
 * rooms' latency (badConnections.ts) do not share an event loop with 200 stock
 * clients syncing at once.
 *
 *   node --import tsx tests/integration/reconnectStorm.ts <port> <workspaceId> <token> <clients> <durationMs> <gapMs>
 *
 * Repeats: `clients` stock y-websocket clients connect to one document at once,
 * each waits for its first sync (30 s at most), all are dropped; until
 * `durationMs` has passed (at least one storm). Prints one JSON line per storm:
 * {"syncMs": …, "failures": …}, then "done".
 */
import { pathToFileURL } from 'node:url';
import { connectClient } from '../helpers/collab.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(argv: string[]): Promise<void> {
  const [port, workspaceId, token, clientsText, durationText, gapText] = argv;
  const clients = Number(clientsText);
  const until = performance.now() + Number(durationText);
  const server = { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/collab`, port: Number(port) };
  // Every stock provider listens for the process's exit; this many at once are expected here.
  process.setMaxListeners(clients + 20);
  for (let round = 0; round === 0 || performance.now() < until; round++) {
    const t0 = performance.now();
    const storm = Array.from({ length: clients }, () => connectClient({ server, workspaceId: workspaceId!, docId: 'storm', token: token! }));
    const results = await Promise.allSettled(
      storm.map((client) => Promise.race([client.synced, wait(30_000).then(() => Promise.reject(new Error('no sync')))])),
    );
    const failures = results.filter((result) => result.status === 'rejected').length;
    process.stdout.write(JSON.stringify({ syncMs: Math.round(performance.now() - t0), failures }) + '\n');
    for (const client of storm) client.destroy();
    if (Number(gapText) > 0) await wait(Number(gapText));
  }
  process.stdout.write('done\n');
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
