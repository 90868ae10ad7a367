/**
 * `npm run bench`: a first, quick measurement of our own server (issue 6 adds the
 * reference y-websocket server and Hocuspocus to the same run, as ratios).
 *
 *   load-10k:   a document built from 10,000 edits; time for a fresh stock client
 *               to connect and hold the whole document, (a) with the document in
 *               server memory, (b) loaded from SQLite after a restart.
 *   rooms-100:  100 documents with a small text and one client each: server RSS
 *               before and after, per room.
 *
 * Writes bench/results/<timestamp>.json and prints a table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../tests/helpers/server.ts';

const EDITS = Number(process.env.BENCH_EDITS ?? 10_000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 100);

interface Session {
  workspaceId: string;
  token: string;
}

async function createWorkspace(server: TestServer): Promise<Session> {
  const response = await fetch(`${server.url}/api/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', member: { name: 'Bench', role: 'other' } }),
  });
  if (response.status !== 201) throw new Error(`create workspace: ${response.status}`);
  return (await response.json()) as Session;
}

function connect(server: TestServer, session: Session, docId: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(server.wsUrl, `${session.workspaceId}/${docId}`, doc, {
    params: { token: session.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function timeFreshLoad(server: TestServer, session: Session, docId: string, expectedLength: number): Promise<number> {
  const started = performance.now();
  const client = connect(server, session, docId);
  await client.synced;
  await waitFor(() => client.doc.getText('t').length === expectedLength);
  const ms = performance.now() - started;
  client.provider.destroy();
  return ms;
}

async function loadBenchmark(): Promise<Record<string, number>> {
  const server = await startServer();
  try {
    const session = await createWorkspace(server);
    const writer = connect(server, session, 'groot');
    await writer.synced;
    const text = writer.doc.getText('t');
    for (let i = 0; i < EDITS; i++) text.insert(Math.floor(Math.random() * (text.length + 1)), 'x');
    const observer = connect(server, session, 'groot');
    await waitFor(() => observer.doc.getText('t').length === EDITS);
    const encodedBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
    writer.provider.destroy();
    observer.provider.destroy();

    const inMemoryMs = await timeFreshLoad(server, session, 'groot', EDITS);
    await server.stop({ keepData: true });
    const restarted = await startServer({ dataDir: server.dataDir });
    try {
      const fromStorageMs = await timeFreshLoad(restarted, session, 'groot', EDITS);
      return { edits: EDITS, encodedBytes, inMemoryMs, fromStorageMs };
    } finally {
      await restarted.stop();
    }
  } finally {
    await server.stop();
  }
}

async function roomsBenchmark(): Promise<Record<string, number>> {
  const server = await startServer();
  try {
    const session = await createWorkspace(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const baseKb = rssKb(server.process.pid!);
    const clients = [];
    for (let i = 0; i < ROOMS; i++) {
      const client = connect(server, session, `kamer-${i}`);
      await client.synced;
      client.doc.getText('t').insert(0, 'Wie doet wat, wanneer? '.repeat(40));
      clients.push(client);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const loadedKb = rssKb(server.process.pid!);
    for (const client of clients) client.provider.destroy();
    return { rooms: ROOMS, baseRssKb: baseKb, rssKb: loadedKb, perRoomKb: Math.round((loadedKb - baseKb) / ROOMS) };
  } finally {
    await server.stop();
  }
}

// Every stock provider adds a process exit listener; a hundred of them are expected here.
process.setMaxListeners(0);
const results = { date: new Date().toISOString(), load: await loadBenchmark(), rooms: await roomsBenchmark() };
const dir = path.join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.table({
  [`fresh client, ${results.load.edits} edits, in memory`]: { value: `${results.load.inMemoryMs!.toFixed(0)} ms` },
  [`fresh client, ${results.load.edits} edits, from SQLite`]: { value: `${results.load.fromStorageMs!.toFixed(0)} ms` },
  ['encoded document size']: { value: `${(results.load.encodedBytes! / 1024).toFixed(0)} KB` },
  [`server RSS, ${results.rooms.rooms} open rooms`]: { value: `${(results.rooms.rssKb! / 1024).toFixed(1)} MB` },
  ['server RSS per open room']: { value: `${results.rooms.perRoomKb} KB` },
});
console.log(`report: ${path.relative(process.cwd(), file)}`);
process.exit(0);
