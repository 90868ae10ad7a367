/**
 * The crash loop: stock clients type continuously into several documents while
 * the server process is killed with SIGKILL and restarted on the same port and
 * data, again and again. The clients are never restarted: they reconnect by
 * themselves and resend what the server lacks.
 *
 * After each kill, before the restart, the SQLite file is read directly: it
 * must hold every edit a witness client (one per document) saw forwarded. At
 * the end every client and a fresh reader converge, every marker any typist
 * wrote is present, and none appears twice.
 */
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import { connectClient, createWorkspace, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

export interface CrashLoopOptions {
  cycles: number;
  documents?: number;
  /** How long the clients type between two kills. */
  typingMs?: number;
  log?: (line: string) => void;
}

export interface CrashLoopReport {
  cycles: number;
  documents: number;
  markersTyped: number;
  /** Markers a witness saw forwarded that the database did not hold after a kill (must be 0). */
  lostAfterKill: number;
  /** Markers of the typists missing from the converged documents at the end (must be 0). */
  missingAtEnd: number;
  /** Markers present more than once at the end (must be 0). */
  duplicated: number;
  converged: boolean;
  seconds: number;
}

const MARKER = /<d\d+-\d+>/g;

function markers(text: string): string[] {
  return text.match(MARKER) ?? [];
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function storedText(dataDir: string, workspaceId: string, docId: string): Promise<string> {
  const storage = await openSqliteStorage({ dataDir });
  try {
    const stored = await storage.loadDocument(workspaceId, docId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
    const text = doc.getText('t').toString();
    doc.destroy();
    return text;
  } finally {
    await storage.close();
  }
}

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const documents = options.documents ?? 3;
  const typingMs = options.typingMs ?? 800;
  let server: TestServer = await startServer();
  const { dataDir, port } = server;
  const { workspaceId, token } = await createWorkspace(server);

  const docIds = Array.from({ length: documents }, (_, i) => `doc-${i}`);
  const typists: CollabClient[] = [];
  const witnesses: CollabClient[] = [];
  for (const docId of docIds) {
    typists.push(connectClient({ server, workspaceId, docId, token }));
    witnesses.push(connectClient({ server, workspaceId, docId, token }));
  }
  await Promise.all([...typists, ...witnesses].map((client) => client.synced));

  let typed = 0;
  const timer = setInterval(() => {
    typists.forEach((typist, d) => {
      const text = typist.doc.getText('t');
      text.insert(text.length, `<d${d}-${typed}>`);
    });
    typed++;
  }, 5);

  let lostAfterKill = 0;
  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      await new Promise((resolve) => setTimeout(resolve, typingMs));
      await server.kill();
      for (const [d, docId] of docIds.entries()) {
        const seen = markers(witnesses[d]!.doc.getText('t').toString());
        const stored = new Set(markers(await storedText(dataDir, workspaceId, docId)));
        const lost = seen.filter((marker) => !stored.has(marker));
        lostAfterKill += lost.length;
        if (lost.length > 0) log(`cycle ${cycle}, ${docId}: ${lost.length} forwarded markers not stored`);
      }
      server = await startServer({ dataDir, env: { PORT: String(port) } });
      // Everyone reconnects by themselves (y-websocket backs off up to 2.5 s).
      await until(() => [...typists, ...witnesses].every((client) => client.provider.wsconnected), 15_000);
      log(`cycle ${cycle}: killed and restarted; ${typed * documents} markers typed so far`);
    }
  } finally {
    clearInterval(timer);
  }

  // Converge: every typist's markers reach its witness and a fresh reader.
  let converged = true;
  let missingAtEnd = 0;
  let duplicated = 0;
  for (const [d, docId] of docIds.entries()) {
    const typist = typists[d]!;
    const witness = witnesses[d]!;
    const written = typist.doc.getText('t').toString();
    converged &&= await until(() => witness.doc.getText('t').toString() === written, 20_000);
    const reader = connectClient({ server, workspaceId, docId, token });
    await reader.synced;
    converged &&= await until(() => reader.doc.getText('t').toString() === written, 10_000);
    const final = markers(reader.doc.getText('t').toString());
    reader.destroy();
    const expected = Array.from({ length: typed }, (_, i) => `<d${d}-${i}>`);
    const present = new Set(final);
    missingAtEnd += expected.filter((marker) => !present.has(marker)).length;
    duplicated += final.length - present.size;
  }
  for (const client of [...typists, ...witnesses]) client.destroy();
  await server.stop({ keepData: true });
  rmSync(dataDir, { recursive: true, force: true });
  return {
    cycles: options.cycles,
    documents,
    markersTyped: typed * documents,
    lostAfterKill,
    missingAtEnd,
    duplicated,
    converged,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
