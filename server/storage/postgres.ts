/**
 * Storage in PostgreSQL (DATABASE_URL), for several server processes sharing
 * one database. Same semantics as sqlite.ts, checked by the same contract suite.
 *
 * Durability: a resolved append is committed (PostgreSQL's default
 * synchronous_commit). Appends are group-committed: every call that arrives
 * before the event loop's next check phase, or while the previous group is
 * committing, joins one group, written by one call of the function
 * `samenspel_append_updates` (postgresMigrations.ts) — one round trip, one
 * commit. Each promise resolves only after that commit, or rejects if it
 * failed. One group is in flight at a time, so appends commit in call order.
 *
 * Several processes: appends to one document are serialised by a
 * transaction-level advisory lock per document, taken inside the group commit
 * in one global order (no deadlocks). That makes prevSeq exact and means a
 * document's seqs become visible without holes, which both compaction and
 * catching up (loadUpdatesAfter) rely on. Compaction takes a second, separate
 * lock per document, so one process compacts a document at a time while
 * appends go on; the snapshot it writes covers exactly the log up to the seq it
 * records, and a snapshot is only ever replaced by a newer one.
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import * as Y from 'yjs';
import { migratePostgres, PgLock } from './postgresMigrations.ts';
import type { StorageLogger } from './sqlite.ts';
import { asBytes, invalidAppend, inviteFromRow, memberFromRow, type InviteRow, type MemberRow } from './storedValues.ts';
import type { MemberUpdate } from './WorkspaceDataStorage.ts';
import type {
  AppendedUpdate,
  DocumentRecord,
  InitialContent,
  InviteRecord,
  MemberRecord,
  SessionRecord,
  Storage,
  StoredDocument,
  UpdateOrigin,
  WorkspaceRecord,
} from './Storage.ts';

export interface PostgresStorageOptions {
  /** `postgres://user@host:port/database` */
  connectionString: string;
  logger?: StorageLogger;
  /** Connections in the pool (one of them commits appends, the rest serve reads and account writes). */
  poolSize?: number;
}

const DEFAULT_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;

/** Opens the pool and brings the schema up to date (safe when several processes start at once). */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'samenspel',
  });
  // An idle connection that breaks (database restarted) is replaced by the pool; without a
  // listener the error would end the process.
  pool.on('error', (error) => options.logger?.error({ err: error }, 'idle PostgreSQL connection failed'));
  try {
    const client = await pool.connect();
    let migration;
    try {
      migration = await migratePostgres(client);
    } finally {
      client.release();
    }
    options.logger?.info(
      { database: describeDatabase(options.connectionString), schemaFrom: migration.from, schemaTo: migration.to },
      'PostgreSQL storage open',
    );
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStorage(pool, options.logger);
}

/** host:port/database, for logs: never the password. */
export function describeDatabase(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

interface PendingAppend {
  workspaceId: string;
  docId: string;
  update: Uint8Array;
  origin: UpdateOrigin;
  resolve(appended: AppendedUpdate): void;
  reject(error: unknown): void;
}

/** BIGINT columns arrive as strings; every value here is far below 2^53. */
type Int8 = string;

interface WorkspaceRow {
  id: string;
  name: string;
  created_at: Int8;
}



interface DocumentRow {
  workspace_id: string;
  doc_id: string;
  created_at: Int8;
  created_by: string | null;
}

/** The snapshot (kind 0) and the log after it (kind 1), read in one statement. */
interface DocumentStateRow {
  kind: number;
  seq: Int8;
  data: Buffer;
}

const MEMBER_COLUMNS = 'id, workspace_id, name, role, access, created_at, removed_at';
const INVITE_COLUMNS = 'id, workspace_id, access, created_by, created_at, revoked_at';

// One statement, so the snapshot and the log come from the same database state.
const LOAD_DOCUMENT_SQL = `
  WITH s AS (SELECT snapshot, snapshot_seq FROM document_snapshots WHERE workspace_id = $1 AND doc_id = $2)
  SELECT 0 AS kind, snapshot_seq AS seq, snapshot AS data FROM s
  UNION ALL
  SELECT 1 AS kind, u.seq, u.data FROM document_updates u
  WHERE u.workspace_id = $1 AND u.doc_id = $2 AND u.seq > coalesce((SELECT snapshot_seq FROM s), 0)
  ORDER BY kind, seq
`;

export class PostgresStorage implements Storage {
  readonly #pool: Pool;
  readonly #logger: StorageLogger | undefined;
  #queue: PendingAppend[] = [];
  /** Called when the group holding the current queue has settled. */
  #queueWaiters: (() => void)[] = [];
  #timer: NodeJS.Immediate | null = null;
  #inFlight: Promise<void> | null = null;
  #closing = false;
  #closed: Promise<void> | null = null;

  constructor(pool: Pool, logger?: StorageLogger) {
    this.#pool = pool;
    this.#logger = logger;
  }

  // ---- documents ----

  async loadDocument(workspaceId: string, docId: string): Promise<StoredDocument> {
    this.#assertOpen();
    await this.#drain(); // read-your-writes for appends queued by this process
    const { rows } = await this.#pool.query<DocumentStateRow>(LOAD_DOCUMENT_SQL, [workspaceId, docId]);
    const snapshot = rows[0]?.kind === 0 ? rows[0] : null;
    return {
      snapshot: snapshot ? asBytes(snapshot.data) : null,
      snapshotSeq: snapshot ? Number(snapshot.seq) : 0,
      updates: rows.filter((row) => row.kind === 1).map((row) => ({ seq: Number(row.seq), update: asBytes(row.data) })),
    };
  }

  appendUpdate(workspaceId: string, docId: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    if (this.#closing) return Promise.reject(closedError());
    const invalid = invalidAppend(update, origin);
    if (invalid) return Promise.reject(new TypeError(`appendUpdate for ${workspaceId}/${docId}: ${invalid}`));
    return new Promise<AppendedUpdate>((resolve, reject) => {
      this.#queue.push({ workspaceId, docId, update, origin, resolve, reject });
      if (!this.#inFlight) this.#timer ??= setImmediate(() => this.#commitNext());
    });
  }

  async loadUpdatesAfter(workspaceId: string, docId: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[]> {
    this.#assertOpen();
    await this.#drain();
    const { rows } = await this.#pool.query<{ seq: Int8; data: Buffer }>(
      'SELECT seq, data FROM document_updates WHERE workspace_id = $1 AND doc_id = $2 AND seq > $3 ORDER BY seq',
      [workspaceId, docId, afterSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), update: asBytes(row.data) }));
  }

  async pendingLogLength(workspaceId: string, docId: string): Promise<number> {
    this.#assertOpen();
    // No drain: a hint for when to compact, asked often (as in SQLite).
    const { rows } = await this.#pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM document_updates
       WHERE workspace_id = $1 AND doc_id = $2 AND seq > coalesce(
         (SELECT snapshot_seq FROM document_snapshots WHERE workspace_id = $1 AND doc_id = $2), 0)`,
      [workspaceId, docId],
    );
    return rows[0]?.n ?? 0;
  }

  async compact(workspaceId: string, docId: string): Promise<void> {
    this.#assertOpen();
    await this.#drain(); // "up to the last appended update" includes ones still queued here
    await this.#transaction(async (client) => {
      // Another process compacting this document finishes first; its snapshot is then our base.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        PgLock.documentCompaction,
        documentKey(workspaceId, docId),
      ]);
      // Appends go on meanwhile. Their seqs are serialised per document, so the log we read is
      // a gap-free prefix: whatever commits later has a higher seq than the snapshot we write.
      const { rows } = await client.query<DocumentStateRow>(LOAD_DOCUMENT_SQL, [workspaceId, docId]);
      const last = rows.at(-1);
      if (!last || last.kind === 0) return;
      const merged = Y.mergeUpdates(rows.map((row) => asBytes(row.data)));
      // Only a newer snapshot replaces an older one (each covers everything up to its seq).
      await client.query(
        `INSERT INTO document_snapshots (workspace_id, doc_id, snapshot, snapshot_seq, compacted_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, doc_id) DO UPDATE SET
           snapshot = excluded.snapshot, snapshot_seq = excluded.snapshot_seq, compacted_at = excluded.compacted_at
         WHERE document_snapshots.snapshot_seq < excluded.snapshot_seq`,
        [workspaceId, docId, merged, last.seq, Date.now()],
      );
    });
  }

  async createDocument(record: DocumentRecord, initialContent?: InitialContent): Promise<boolean> {
    this.#assertOpen();
    return this.#transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO documents (workspace_id, doc_id, created_at, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, doc_id) DO NOTHING`,
        [record.workspaceId, record.docId, record.createdAt, record.createdBy],
      );
      if (inserted.rowCount !== 1) return false;
      if (initialContent) {
        // The content is the document's first log entry: through the append lock like any other.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          PgLock.documentAppend,
          documentKey(record.workspaceId, record.docId),
        ]);
        await client.query(
          'INSERT INTO document_updates (workspace_id, doc_id, data, member_id, created_at) VALUES ($1, $2, $3, $4, $5)',
          [record.workspaceId, record.docId, initialContent.update, initialContent.origin.memberId, initialContent.origin.at],
        );
      }
      return true;
    });
  }

  async countDocuments(workspaceId: string): Promise<number> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<{ n: string }>('SELECT count(*) AS n FROM documents WHERE workspace_id = $1', [
      workspaceId,
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  async getDocument(workspaceId: string, docId: string): Promise<DocumentRecord | null> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<DocumentRow>(
      'SELECT workspace_id, doc_id, created_at, created_by FROM documents WHERE workspace_id = $1 AND doc_id = $2',
      [workspaceId, docId],
    );
    const row = rows[0];
    return row
      ? { workspaceId: row.workspace_id, docId: row.doc_id, createdAt: Number(row.created_at), createdBy: row.created_by }
      : null;
  }

  // ---- accounts ----

  async createWorkspace(workspace: WorkspaceRecord, founder: MemberRecord, sessionTokenHash: string): Promise<void> {
    this.#assertOpen();
    if (founder.workspaceId !== workspace.id) {
      throw new Error(`Founder ${founder.id} belongs to workspace ${founder.workspaceId}, not ${workspace.id}`);
    }
    await this.#transaction(async (client) => {
      await client.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
        workspace.id,
        workspace.name,
        workspace.createdAt,
      ]);
      await insertMember(client, founder);
      await insertSession(client, sessionTokenHash, founder);
    });
  }

  async getWorkspace(workspaceId: string): Promise<WorkspaceRecord | null> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<WorkspaceRow>('SELECT id, name, created_at FROM workspaces WHERE id = $1', [
      workspaceId,
    ]);
    const row = rows[0];
    return row ? { id: row.id, name: row.name, createdAt: Number(row.created_at) } : null;
  }

  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    this.#assertOpen();
    // Removed members stay listed (with removed_at): their names still label what they wrote.
    const { rows } = await this.#pool.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE workspace_id = $1 ORDER BY created_at, ordinal`,
      [workspaceId],
    );
    return rows.map(memberFromRow);
  }

  async getMember(memberId: string): Promise<MemberRecord | null> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = $1`, [memberId]);
    return rows[0] ? memberFromRow(rows[0]) : null;
  }

  async removeMember(memberId: string, at: number): Promise<void> {
    this.#assertOpen();
    await this.#transaction(async (client) => {
      // coalesce keeps the first removal time when a member is removed twice.
      await client.query('UPDATE members SET removed_at = coalesce(removed_at, $1) WHERE id = $2', [at, memberId]);
      await client.query('UPDATE sessions SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL', [at, memberId]);
    });
  }

  async createInvite(invite: InviteRecord, codeHash: string): Promise<void> {
    this.#assertOpen();
    await this.#pool.query(
      `INSERT INTO invites (id, workspace_id, code_hash, access, created_by, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [invite.id, invite.workspaceId, codeHash, invite.access, invite.createdBy, invite.createdAt, invite.revokedAt],
    );
  }

  async findInvite(codeHash: string): Promise<InviteRecord | null> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE code_hash = $1`, [
      codeHash,
    ]);
    return rows[0] ? inviteFromRow(rows[0]) : null;
  }

  async listInvites(workspaceId: string): Promise<InviteRecord[]> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE workspace_id = $1 ORDER BY created_at, ordinal`,
      [workspaceId],
    );
    return rows.map(inviteFromRow);
  }

  async revokeInvite(workspaceId: string, inviteId: string, at: number): Promise<boolean> {
    this.#assertOpen();
    const result = await this.#pool.query(
      'UPDATE invites SET revoked_at = $1 WHERE id = $2 AND workspace_id = $3 AND revoked_at IS NULL',
      [at, inviteId, workspaceId],
    );
    return result.rowCount === 1;
  }

  async acceptInvite(member: MemberRecord, sessionTokenHash: string): Promise<void> {
    this.#assertOpen();
    await this.#transaction(async (client) => {
      await insertMember(client, member);
      await insertSession(client, sessionTokenHash, member);
    });
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<MemberRow & { w_name: string; w_created_at: Int8 }>(
      `SELECT m.id, m.workspace_id, m.name, m.role, m.access, m.created_at, m.removed_at,
              w.name AS w_name, w.created_at AS w_created_at
       FROM sessions s
       JOIN members m ON m.id = s.member_id
       JOIN workspaces w ON w.id = m.workspace_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND m.removed_at IS NULL`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      member: memberFromRow(row),
      workspace: { id: row.workspace_id, name: row.w_name, createdAt: Number(row.w_created_at) },
    };
  }

  // ---- workspace data (WorkspaceDataStorage.ts) ----

  async listDocuments(workspaceId: string): Promise<DocumentRecord[]> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<DocumentRow>(
      'SELECT workspace_id, doc_id, created_at, created_by FROM documents WHERE workspace_id = $1 ORDER BY created_at, doc_id',
      [workspaceId],
    );
    return rows.map((row) => ({ workspaceId: row.workspace_id, docId: row.doc_id, createdAt: Number(row.created_at), createdBy: row.created_by }));
  }

  async addMembersWithoutSession(members: readonly MemberRecord[]): Promise<void> {
    this.#assertOpen();
    await this.#transaction(async (client) => {
      for (const member of members) await insertMember(client, member);
    });
  }

  async anonymiseMember(memberId: string, name: string, at: number): Promise<void> {
    this.#assertOpen();
    await this.#transaction(async (client) => {
      await client.query('UPDATE members SET name = $1, removed_at = coalesce(removed_at, $2) WHERE id = $3', [name, at, memberId]);
      await client.query('UPDATE sessions SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL', [at, memberId]);
    });
  }

  async listMemberUpdates(workspaceId: string, memberId: string): Promise<MemberUpdate[]> {
    this.#assertOpen();
    await this.#drain();
    const { rows } = await this.#pool.query<{ doc_id: string; seq: Int8; data: Buffer; created_at: Int8 }>(
      'SELECT doc_id, seq, data, created_at FROM document_updates WHERE workspace_id = $1 AND member_id = $2 ORDER BY seq',
      [workspaceId, memberId],
    );
    return rows.map((row) => ({ docId: row.doc_id, seq: Number(row.seq), update: asBytes(row.data), at: Number(row.created_at) }));
  }

  /**
   * Deletes the rows in one transaction. PostgreSQL keeps a deleted row's bytes
   * in its table pages until VACUUM reuses the space (and in WAL segments until
   * they are recycled): no query returns them, but the operator must know that
   * the files on disk are only cleaned by VACUUM FULL (README, "Personal data").
   */
  async deleteWorkspace(workspaceId: string): Promise<void> {
    this.#assertOpen();
    await this.#drain(); // an append queued for this workspace must not land after the delete
    await this.#transaction(async (client) => {
      for (const table of ['document_updates', 'document_snapshots', 'documents']) {
        await client.query(`DELETE FROM ${table} WHERE workspace_id = $1`, [workspaceId]);
      }
      await client.query('DELETE FROM sessions WHERE member_id IN (SELECT id FROM members WHERE workspace_id = $1)', [workspaceId]);
      await client.query('DELETE FROM invites WHERE workspace_id = $1', [workspaceId]);
      await client.query('DELETE FROM members WHERE workspace_id = $1', [workspaceId]);
      await client.query('DELETE FROM workspaces WHERE id = $1', [workspaceId]);
    });
  }

  async sessionLastUsedAt(tokenHash: string): Promise<number | null> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<{ at: Int8 }>(
      'SELECT coalesce(last_used_at, created_at) AS at FROM sessions WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0] ? Number(rows[0].at) : null;
  }

  async markSessionUsed(tokenHash: string, at: number): Promise<void> {
    this.#assertOpen();
    await this.#pool.query('UPDATE sessions SET last_used_at = $1 WHERE token_hash = $2', [at, tokenHash]);
  }

  // ---- lifecycle ----

  /** Commits what is queued, then closes the pool. Closing twice is harmless. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#closing = true;
      await this.#drain();
      await this.#pool.end();
    })();
    return this.#closed;
  }

  #assertOpen(): void {
    if (this.#closing) throw closedError();
  }

  /** Starts committing the queued appends as one group, unless a group is in flight already. */
  #commitNext(): void {
    if (this.#timer) clearImmediate(this.#timer);
    this.#timer = null;
    if (this.#inFlight || this.#queue.length === 0) return;
    const batch = this.#queue;
    const waiters = this.#queueWaiters;
    this.#queue = [];
    this.#queueWaiters = [];
    this.#inFlight = this.#commit(batch).finally(() => {
      this.#inFlight = null;
      for (const waiter of waiters) waiter();
      // What arrived while this group committed goes at once, as the next group.
      this.#commitNext();
    });
  }

  async #commit(batch: PendingAppend[]): Promise<void> {
    let appended: AppendedUpdate[];
    try {
      const { rows } = await this.#pool.query<{ out_index: number; out_seq: Int8; out_prev_seq: Int8 }>(
        `SELECT out_index, out_seq, out_prev_seq
         FROM samenspel_append_updates($1::text[], $2::text[], $3::bytea[], $4::text[], $5::bigint[])
         ORDER BY out_index`,
        [
          batch.map((item) => item.workspaceId),
          batch.map((item) => item.docId),
          batch.map((item) => item.update),
          batch.map((item) => item.origin.memberId),
          batch.map((item) => item.origin.at),
        ],
      );
      if (rows.length !== batch.length) throw new Error(`append returned ${rows.length} rows for ${batch.length} updates`);
      appended = rows.map((row) => ({ seq: Number(row.out_seq), prevSeq: Number(row.out_prev_seq) }));
    } catch (error) {
      // Nothing in the group may look stored. (If the connection broke during COMMIT the rows may
      // be there after all; the room then reloads and its clients resend, and Yjs ignores duplicates.)
      this.#logger?.error({ err: error, updates: batch.length }, 'PostgreSQL append batch failed');
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => item.resolve(appended[index] as AppendedUpdate));
  }

  /** Resolves once every append called so far has settled. */
  #drain(): Promise<void> {
    if (this.#queue.length === 0) return this.#inFlight ?? Promise.resolve();
    const settled = new Promise<void>((resolve) => this.#queueWaiters.push(resolve));
    this.#commitNext(); // with a group in flight, the queue follows it at once
    return settled;
  }

  async #transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await rollbackAfterFailure(client, error);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * Rolls back after `cause`; a rollback that fails too (the connection broke)
 * changes nothing for the caller, who gets `cause`, so it is only attached to it.
 */
async function rollbackAfterFailure(client: PoolClient, cause: unknown): Promise<void> {
  try {
    await client.query('ROLLBACK');
  } catch (rollbackError) {
    if (cause instanceof Error) (cause as Error & { rollbackError?: unknown }).rollbackError = rollbackError;
  }
}

function documentKey(workspaceId: string, docId: string): string {
  return `${workspaceId}/${docId}`;
}

async function insertMember(client: PoolClient, member: MemberRecord): Promise<void> {
  await client.query(
    `INSERT INTO members (id, workspace_id, name, role, access, created_at, removed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [member.id, member.workspaceId, member.name, member.role, member.access, member.createdAt, member.removedAt],
  );
}

async function insertSession(client: PoolClient, tokenHash: string, member: MemberRecord): Promise<void> {
  await client.query('INSERT INTO sessions (token_hash, member_id, created_at) VALUES ($1, $2, $3)', [
    tokenHash,
    member.id,
    member.createdAt,
  ]);
}




function closedError(): Error {
  return new Error('PostgreSQL storage is closed');
}
