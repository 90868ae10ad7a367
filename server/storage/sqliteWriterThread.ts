/**
 * The SQLite writer thread (started by sqliteWriter.ts through
 * sqliteWriterBoot.mjs): its own connection to the database file, with the
 * same `synchronous = FULL` as the main one, commits document appends and
 * compactions. The COMMIT and its fsync block only this thread, so the server's
 * event loop keeps serving while a batch reaches the disk.
 *
 * Requests are handled one at a time, in the order they were posted: appends
 * keep their order, and a compaction sees every append posted before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import * as Y from 'yjs';
import type { AppendedUpdate } from './Storage.ts';
import type { WriterReply, WriterRequest, WriterStart } from './sqliteWriter.ts';

interface SnapshotRow {
  snapshot: Buffer;
  snapshot_seq: number;
}

interface UpdateRow {
  seq: number;
  data: Buffer;
}

const port = parentPort;
if (!port) throw new Error('sqliteWriterThread runs only as a worker thread');
const start = workerData as WriterStart;

const db = new BetterSqlite3(start.file);
db.pragma(`busy_timeout = ${start.busyTimeoutMs}`);
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');

const lastSeq = db.prepare('SELECT max(seq) FROM document_updates WHERE workspace_id = ? AND doc_id = ?').pluck();
const insertUpdate = db.prepare(
  'INSERT INTO document_updates (workspace_id, doc_id, data, member_id, created_at) VALUES (?, ?, ?, ?, ?)',
);
const getSnapshot = db.prepare(
  'SELECT snapshot, snapshot_seq FROM document_snapshots WHERE workspace_id = ? AND doc_id = ?',
);
const updatesAfter = db.prepare(
  'SELECT seq, data FROM document_updates WHERE workspace_id = ? AND doc_id = ? AND seq > ? ORDER BY seq',
);
const putSnapshot = db.prepare(`
  INSERT INTO document_snapshots (workspace_id, doc_id, snapshot, snapshot_seq, compacted_at)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (workspace_id, doc_id) DO UPDATE SET
    snapshot = excluded.snapshot, snapshot_seq = excluded.snapshot_seq, compacted_at = excluded.compacted_at
`);

// IMMEDIATE takes the write lock before reading, so each prevSeq is exact and
// no other connection can append between a compaction's read and its write.
const appendBatch = db.transaction((items: Extract<WriterRequest, { kind: 'append' }>['items']) =>
  items.map((item): AppendedUpdate => {
    const prevSeq = (lastSeq.get(item.workspaceId, item.docId) as number | null) ?? 0;
    const seq = Number(insertUpdate.run(item.workspaceId, item.docId, item.update, item.memberId, item.at).lastInsertRowid);
    return { seq, prevSeq };
  }),
);

const compact = db.transaction((workspaceId: string, docId: string) => {
  const snapshot = getSnapshot.get(workspaceId, docId) as SnapshotRow | undefined;
  const rows = updatesAfter.all(workspaceId, docId, snapshot?.snapshot_seq ?? 0) as UpdateRow[];
  const last = rows.at(-1);
  if (!last) return;
  const parts: Uint8Array[] = rows.map((row) => row.data);
  if (snapshot) parts.unshift(snapshot.snapshot);
  putSnapshot.run(workspaceId, docId, Y.mergeUpdates(parts), last.seq, Date.now());
});

function handle(request: WriterRequest): WriterReply {
  switch (request.kind) {
    case 'append':
      return { id: request.id, ok: true, appended: appendBatch.immediate(request.items) };
    case 'compact':
      compact.immediate(request.workspaceId, request.docId);
      return { id: request.id, ok: true };
    case 'close':
      db.close();
      return { id: request.id, ok: true };
    default: {
      const unknown: never = request;
      throw new Error(`unknown writer request ${JSON.stringify(unknown)}`);
    }
  }
}

port.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    reply = handle(request);
  } catch (error) {
    const { message, code } = error as Error & { code?: unknown };
    reply = { id: request.id, ok: false, error: { message: String(message), code: typeof code === 'string' ? code : undefined } };
  }
  port.postMessage(reply);
  if (request.kind === 'close') port.close();
});
port.postMessage({ id: 0, ok: true } satisfies WriterReply);
