/**
 * Copies a SQLite data directory into an empty PostgreSQL database, for a
 * coalition that outgrows one machine (`npm run cli -- migrate-sqlite-to-postgres`).
 *
 * - Refuses a target that holds any workspace, member, invite, session or
 *   document: it never merges into or overwrites existing data.
 * - Copies in one PostgreSQL transaction (all or nothing), keeping every id,
 *   every time, the update log with its seqs (so snapshots still point at the
 *   right entry) and the snapshots; new appends continue above the copied seqs.
 * - Reads SQLite inside one read transaction: a consistent copy even if
 *   something writes meanwhile (stop the server first anyway, or its later
 *   writes stay behind in SQLite).
 * - Then verifies through both Storage implementations, the way a server
 *   loads: every document's Y.Doc state (state vector and delete set) must be
 *   equal, and every workspace's members and invites.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { openPostgresStorage } from './postgres.ts';
import { openSqliteStorage, sqliteFilePath } from './sqlite.ts';
import type { Storage, StoredDocument } from './Storage.ts';

export interface MigrationReport {
  workspaces: number;
  members: number;
  invites: number;
  sessions: number;
  documents: number;
  updates: number;
  snapshots: number;
  /** Documents whose content was compared after the copy (every document with a log, a snapshot or a record). */
  verifiedDocuments: number;
}

export class MigrationRefused extends Error {
  override name = 'MigrationRefused';
}

const TABLES = ['workspaces', 'members', 'invites', 'sessions', 'documents', 'document_updates', 'document_snapshots'] as const;
const CHUNK_ROWS = 500;

type Row = Record<string, unknown>;

/** One table's copy: the SQLite query (in copy order) and the PostgreSQL insert of a chunk as arrays. */
interface TableCopy {
  table: (typeof TABLES)[number];
  select: string;
  columns: string[];
  types: string[];
  /** Column SQLite sorts by to page through the table (stable, unique). */
  pageBy: string;
}

// Parents before children (foreign keys); members and invites in their SQLite insertion order,
// which becomes their `ordinal` in PostgreSQL.
const COPIES: TableCopy[] = [
  { table: 'workspaces', select: 'SELECT rowid AS page, id, name, created_at FROM workspaces', columns: ['id', 'name', 'created_at'], types: ['text', 'text', 'bigint'], pageBy: 'rowid' },
  {
    table: 'members',
    select: 'SELECT rowid AS page, id, workspace_id, name, role, access, created_at, removed_at FROM members',
    columns: ['id', 'workspace_id', 'name', 'role', 'access', 'created_at', 'removed_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'bigint', 'bigint'],
    pageBy: 'rowid',
  },
  {
    table: 'invites',
    select: 'SELECT rowid AS page, id, workspace_id, code_hash, access, created_by, created_at, revoked_at FROM invites',
    columns: ['id', 'workspace_id', 'code_hash', 'access', 'created_by', 'created_at', 'revoked_at'],
    types: ['text', 'text', 'text', 'text', 'text', 'bigint', 'bigint'],
    pageBy: 'rowid',
  },
  {
    table: 'sessions',
    select: 'SELECT rowid AS page, token_hash, member_id, created_at, revoked_at, last_used_at FROM sessions',
    columns: ['token_hash', 'member_id', 'created_at', 'revoked_at', 'last_used_at'],
    types: ['text', 'text', 'bigint', 'bigint', 'bigint'],
    pageBy: 'rowid',
  },
  {
    table: 'documents',
    select: 'SELECT rowid AS page, workspace_id, doc_id, created_at, created_by FROM documents',
    columns: ['workspace_id', 'doc_id', 'created_at', 'created_by'],
    types: ['text', 'text', 'bigint', 'text'],
    pageBy: 'rowid',
  },
  {
    table: 'document_updates',
    select: 'SELECT seq AS page, seq, workspace_id, doc_id, data, member_id, created_at FROM document_updates',
    columns: ['seq', 'workspace_id', 'doc_id', 'data', 'member_id', 'created_at'],
    types: ['bigint', 'text', 'text', 'bytea', 'text', 'bigint'],
    pageBy: 'seq',
  },
  {
    table: 'document_snapshots',
    select: 'SELECT rowid AS page, workspace_id, doc_id, snapshot, snapshot_seq, compacted_at FROM document_snapshots',
    columns: ['workspace_id', 'doc_id', 'snapshot', 'snapshot_seq', 'compacted_at'],
    types: ['text', 'text', 'bytea', 'bigint', 'bigint'],
    pageBy: 'rowid',
  },
];

export async function migrateSqliteToPostgres(options: {
  dataDir: string;
  databaseUrl: string;
  progress?: (line: string) => void;
}): Promise<MigrationReport> {
  const file = sqliteFilePath(options.dataDir);
  if (!existsSync(file)) throw new MigrationRefused(`There is no SQLite database at ${file} (check DATA_DIR).`);
  const progress = options.progress ?? (() => undefined);

  // Opening both through their storages brings both schemas up to date first.
  const source = await openSqliteStorage({ dataDir: options.dataDir });
  let target: Storage | null = null;
  try {
    target = await openPostgresStorage({ connectionString: options.databaseUrl, poolSize: 2 });
    const counts = await copy(file, options.databaseUrl, progress);
    progress('Copied; verifying every document as the server would load it ...');
    const verifiedDocuments = await verify(file, source, target);
    return { ...counts, verifiedDocuments };
  } finally {
    await target?.close();
    await source.close();
  }
}

async function copy(
  file: string,
  databaseUrl: string,
  progress: (line: string) => void,
): Promise<Omit<MigrationReport, 'verifiedDocuments'>> {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Nobody else may write while we check for emptiness and copy.
    await client.query(`LOCK TABLE ${TABLES.join(', ')} IN EXCLUSIVE MODE`);
    const present: string[] = [];
    for (const table of TABLES) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
      if ((rows[0]?.n ?? 0) > 0) present.push(`${rows[0]!.n} in ${table}`);
    }
    if (present.length > 0) {
      throw new MigrationRefused(
        `The PostgreSQL database is not empty (${present.join(', ')}); refusing to copy into it. Use a new, empty database.`,
      );
    }

    sqlite.exec('BEGIN'); // one consistent view of the SQLite file for the whole copy
    const counts: Record<string, number> = {};
    for (const table of COPIES) {
      const page = sqlite.prepare(`${table.select} WHERE ${table.pageBy} > ? ORDER BY ${table.pageBy} LIMIT ${CHUNK_ROWS}`);
      let after = 0;
      let copied = 0;
      for (;;) {
        const rows = page.all(after) as Row[];
        if (rows.length === 0) break;
        after = rows.at(-1)!.page as number;
        await insertChunk(client, table, rows);
        copied += rows.length;
      }
      counts[table.table] = copied;
      progress(`  ${table.table}: ${copied}`);
    }
    sqlite.exec('COMMIT');
    // New appends must continue above the copied seqs.
    await client.query(
      `SELECT setval(pg_get_serial_sequence('document_updates', 'seq'), (SELECT coalesce(max(seq), 0) + 1 FROM document_updates), false)`,
    );
    await client.query('COMMIT');
    return {
      workspaces: counts.workspaces ?? 0,
      members: counts.members ?? 0,
      invites: counts.invites ?? 0,
      sessions: counts.sessions ?? 0,
      documents: counts.documents ?? 0,
      updates: counts.document_updates ?? 0,
      snapshots: counts.document_snapshots ?? 0,
    };
  } catch (error) {
    // The transaction is rolled back with the connection if ROLLBACK itself fails; the caller gets `error`.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    sqlite.close();
    await client.end();
  }
}

async function insertChunk(client: pg.Client, table: TableCopy, rows: Row[]): Promise<void> {
  const columns = table.columns.map((column) => rows.map((row) => row[column] ?? null));
  const params = table.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  await client.query(`INSERT INTO ${table.table} (${table.columns.join(', ')}) SELECT * FROM unnest(${params})`, columns);
}

/** Compares what both storages give for every document and every workspace; throws on the first difference. */
async function verify(file: string, source: Storage, target: Storage): Promise<number> {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  let documents: { workspace_id: string; doc_id: string }[];
  let workspaces: string[];
  try {
    documents = sqlite
      .prepare(
        `SELECT workspace_id, doc_id FROM documents UNION SELECT workspace_id, doc_id FROM document_updates
         UNION SELECT workspace_id, doc_id FROM document_snapshots`,
      )
      .all() as { workspace_id: string; doc_id: string }[];
    workspaces = sqlite.prepare('SELECT id FROM workspaces').pluck().all() as string[];
  } finally {
    sqlite.close();
  }

  const differences: string[] = [];
  for (const { workspace_id: workspaceId, doc_id: docId } of documents) {
    const [from, to] = await Promise.all([source.loadDocument(workspaceId, docId), target.loadDocument(workspaceId, docId)]);
    const problem = compareDocuments(from, to);
    if (problem) differences.push(`${workspaceId}/${docId}: ${problem}`);
    const [fromRecord, toRecord] = await Promise.all([source.getDocument(workspaceId, docId), target.getDocument(workspaceId, docId)]);
    if (JSON.stringify(fromRecord) !== JSON.stringify(toRecord)) differences.push(`${workspaceId}/${docId}: document record differs`);
  }
  for (const workspaceId of workspaces) {
    for (const what of ['getWorkspace', 'listMembers', 'listInvites'] as const) {
      const [a, b] = await Promise.all([source[what](workspaceId), target[what](workspaceId)]);
      if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`workspace ${workspaceId}: ${what} differs`);
    }
  }
  if (differences.length > 0) {
    throw new Error(
      `Verification failed for ${differences.length} item(s) (the copy is committed; drop the target database before trying again):\n  ` +
        differences.slice(0, 20).join('\n  '),
    );
  }
  return documents.length;
}

/** null when both hold the same document; otherwise what differs. */
export function compareDocuments(a: StoredDocument, b: StoredDocument): string | null {
  if (a.snapshotSeq !== b.snapshotSeq) return `snapshot seq ${a.snapshotSeq} ≠ ${b.snapshotSeq}`;
  if (a.updates.length !== b.updates.length) return `${a.updates.length} ≠ ${b.updates.length} log entries after the snapshot`;
  const docA = build(a);
  const docB = build(b);
  try {
    if (!bytesEqual(Y.encodeStateVector(docA), Y.encodeStateVector(docB))) return 'state vectors differ';
    // Same state vector and same delete set: the same items, so the same content.
    if (!Y.equalSnapshots(Y.snapshot(docA), Y.snapshot(docB))) return 'deleted content differs';
    return null;
  } finally {
    docA.destroy();
    docB.destroy();
  }
}

function build(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
