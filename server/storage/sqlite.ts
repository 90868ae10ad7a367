/**
 * The embedded storage: one SQLite file, `<dataDir>/samenspel.db`.
 *
 * Durability: WAL with `synchronous = FULL`, so a resolved append survives
 * kill -9 and power loss. Appends and compactions are committed by a writer
 * thread with its own connection (sqliteWriter.ts), so the COMMIT's fsync never
 * blocks the event loop. Appends are group-committed and pipelined: calls that
 * arrive before the event loop's next check phase form one batch, one
 * transaction; while a batch is committing, the next one gathers here and goes
 * as soon as the first is done. Each promise resolves only after its COMMIT (or
 * rejects if it failed). Reads of documents wait for the appends called before
 * them (read-your-writes); the account tables are read and written on this
 * thread's connection, as before.
 *
 * Several processes may share the file (a CLI next to the server, a test
 * helper); SQLite serialises their writes, and `busy_timeout` makes them wait.
 * Because every write holds the database's one write lock, an append's prevSeq
 * (the document's last seq, read in the same transaction) is exact.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { migrateSqlite } from './sqliteMigrations.ts';
import { SqliteWriter } from './sqliteWriter.ts';
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

export const SQLITE_FILE_NAME = 'samenspel.db';

/** The part of a pino logger this module uses. */
export interface StorageLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SqliteStorageOptions {
  dataDir: string;
  logger?: StorageLogger;
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function sqliteFilePath(dataDir: string): string {
  return join(dataDir, SQLITE_FILE_NAME);
}

/** Opens (creating and migrating when needed) the database in `dataDir`. */
export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new BetterSqlite3(sqliteFilePath(options.dataDir));
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted content is overwritten with zeros, so a deleted workspace (and an old snapshot
    // replaced by compaction) leaves no readable bytes in free pages (README, "Personal data").
    db.pragma('secure_delete = ON');
    const migration = migrateSqlite(db);
    options.logger?.info({ file: db.name, schemaFrom: migration.from, schemaTo: migration.to }, 'SQLite storage open');
    // Started after the migration: the writer's statements need the current schema.
    const writer = new SqliteWriter({ file: db.name, busyTimeoutMs });
    // Waited for here, so the server is ready only once it can commit (and the thread's start-up
    // does not compete with the first connections).
    await writer.ready.catch(async (error: unknown) => {
      await writer.close();
      throw error;
    });
    return new SqliteStorage(db, writer, options.logger);
  } catch (error) {
    db.close();
    throw error;
  }
}

interface PendingAppend {
  workspaceId: string;
  docId: string;
  update: Uint8Array;
  origin: UpdateOrigin;
  resolve(appended: AppendedUpdate): void;
  reject(error: unknown): void;
}

interface WorkspaceRow {
  id: string;
  name: string;
  created_at: number;
}



interface DocumentRow {
  workspace_id: string;
  doc_id: string;
  created_at: number;
  created_by: string | null;
}

interface SnapshotRow {
  snapshot: Buffer;
  snapshot_seq: number;
}

interface UpdateRow {
  seq: number;
  data: Buffer;
}

/** Session lookups join three tables; columns are prefixed to keep them apart. */
interface SessionRow {
  m_id: string;
  m_workspace_id: string;
  m_name: string;
  m_role: string;
  m_access: string;
  m_created_at: number;
  m_removed_at: number | null;
  w_id: string;
  w_name: string;
  w_created_at: number;
}

export class SqliteStorage implements Storage {
  readonly #db: Database;
  readonly #writer: SqliteWriter;
  readonly #logger: StorageLogger | undefined;
  readonly #statements: ReturnType<typeof prepareStatements>;
  #queue: PendingAppend[] = [];
  #flushTimer: NodeJS.Immediate | null = null;
  /** The batch the writer thread is committing; the next one waits in #queue until it is done. */
  #inFlight: Promise<void> | null = null;
  /** Appends accepted, and appends settled (committed or failed), counted in call order. */
  #accepted = 0;
  #settled = 0;
  #settleWaiters: { target: number; resolve: () => void }[] = [];
  #closed = false;

  constructor(db: Database, writer: SqliteWriter, logger?: StorageLogger) {
    this.#db = db;
    this.#writer = writer;
    this.#logger = logger;
    this.#statements = prepareStatements(db);
  }

  // ---- documents ----

  async loadDocument(workspaceId: string, docId: string): Promise<StoredDocument> {
    this.#assertOpen();
    await this.#appendsSettled(); // read-your-writes for appends called by this process
    this.#assertOpen();
    const s = this.#statements;
    // One read transaction: the snapshot and the log after it come from the same state.
    return this.#db.transaction((): StoredDocument => {
      const snapshot = s.getSnapshot.get(workspaceId, docId) as SnapshotRow | undefined;
      const snapshotSeq = snapshot?.snapshot_seq ?? 0;
      const rows = s.updatesAfter.all(workspaceId, docId, snapshotSeq) as UpdateRow[];
      return {
        snapshot: snapshot ? asBytes(snapshot.snapshot) : null,
        snapshotSeq,
        updates: rows.map((row) => ({ seq: row.seq, update: asBytes(row.data) })),
      };
    })();
  }

  appendUpdate(workspaceId: string, docId: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    if (this.#closed) return Promise.reject(closedError());
    // Checked here, not by the database: inside a shared batch one bad row
    // would fail every other room's append along with it.
    const invalid = invalidAppend(update, origin);
    if (invalid) return Promise.reject(new TypeError(`appendUpdate for ${workspaceId}/${docId}: ${invalid}`));
    return new Promise<AppendedUpdate>((resolve, reject) => {
      this.#queue.push({ workspaceId, docId, update, origin, resolve, reject });
      this.#accepted++;
      this.#scheduleFlush();
    });
  }

  async loadUpdatesAfter(workspaceId: string, docId: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[]> {
    this.#assertOpen();
    await this.#appendsSettled();
    this.#assertOpen();
    const rows = this.#statements.updatesAfter.all(workspaceId, docId, afterSeq) as UpdateRow[];
    return rows.map((row) => ({ seq: row.seq, update: asBytes(row.data) }));
  }

  async pendingLogLength(workspaceId: string, docId: string): Promise<number> {
    this.#assertOpen();
    // No flush here: this is a hint for when to compact, asked often, and
    // flushing for it would split group commits into small batches.
    const row = this.#statements.pendingCount.get(workspaceId, docId, workspaceId, docId) as { n: number };
    return row.n;
  }

  async compact(workspaceId: string, docId: string): Promise<void> {
    this.#assertOpen();
    // "Up to the last appended update" includes ones still queued here. The merge
    // runs in the writer thread, in an IMMEDIATE transaction (see there).
    await this.#appendsSettled();
    this.#assertOpen();
    await this.#writer.compact(workspaceId, docId);
  }

  async createDocument(record: DocumentRecord, initialContent?: InitialContent): Promise<boolean> {
    this.#assertOpen();
    return this.#db
      .transaction(() => {
        const result = this.#statements.insertDocument.run(
          record.workspaceId,
          record.docId,
          record.createdAt,
          record.createdBy,
        );
        if (result.changes !== 1) return false;
        if (initialContent) {
          const { update, origin } = initialContent;
          this.#statements.insertUpdate.run(record.workspaceId, record.docId, update, origin.memberId, origin.at);
        }
        return true;
      })
      .immediate();
  }


  async getDocument(workspaceId: string, docId: string): Promise<DocumentRecord | null> {
    this.#assertOpen();
    const row = this.#statements.getDocument.get(workspaceId, docId) as DocumentRow | undefined;
    return row
      ? { workspaceId: row.workspace_id, docId: row.doc_id, createdAt: row.created_at, createdBy: row.created_by }
      : null;
  }

  async countDocuments(workspaceId: string): Promise<number> {
    this.#assertOpen();
    return this.#db.prepare('SELECT count(*) AS n FROM documents WHERE workspace_id = ?').pluck().get(workspaceId) as number;
  }

  // ---- accounts ----

  async createWorkspace(workspace: WorkspaceRecord, founder: MemberRecord, sessionTokenHash: string): Promise<void> {
    this.#assertOpen();
    if (founder.workspaceId !== workspace.id) {
      throw new Error(`Founder ${founder.id} belongs to workspace ${founder.workspaceId}, not ${workspace.id}`);
    }
    const s = this.#statements;
    this.#db
      .transaction(() => {
        s.insertWorkspace.run(workspace.id, workspace.name, workspace.createdAt);
        insertMember(s.insertMember, founder);
        s.insertSession.run(sessionTokenHash, founder.id, founder.createdAt);
      })
      .immediate();
  }

  async getWorkspace(workspaceId: string): Promise<WorkspaceRecord | null> {
    this.#assertOpen();
    const row = this.#statements.getWorkspace.get(workspaceId) as WorkspaceRow | undefined;
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    this.#assertOpen();
    return (this.#statements.listMembers.all(workspaceId) as MemberRow[]).map(memberFromRow);
  }

  async getMember(memberId: string): Promise<MemberRecord | null> {
    this.#assertOpen();
    const row = this.#statements.getMember.get(memberId) as MemberRow | undefined;
    return row ? memberFromRow(row) : null;
  }

  async removeMember(memberId: string, at: number): Promise<void> {
    this.#assertOpen();
    const s = this.#statements;
    this.#db
      .transaction(() => {
        s.markMemberRemoved.run(at, memberId);
        s.revokeMemberSessions.run(at, memberId);
      })
      .immediate();
  }

  async createInvite(invite: InviteRecord, codeHash: string): Promise<void> {
    this.#assertOpen();
    this.#statements.insertInvite.run(
      invite.id,
      invite.workspaceId,
      codeHash,
      invite.access,
      invite.createdBy,
      invite.createdAt,
      invite.revokedAt,
    );
  }

  async findInvite(codeHash: string): Promise<InviteRecord | null> {
    this.#assertOpen();
    const row = this.#statements.findInvite.get(codeHash) as InviteRow | undefined;
    return row ? inviteFromRow(row) : null;
  }

  async listInvites(workspaceId: string): Promise<InviteRecord[]> {
    this.#assertOpen();
    return (this.#statements.listInvites.all(workspaceId) as InviteRow[]).map(inviteFromRow);
  }

  async revokeInvite(workspaceId: string, inviteId: string, at: number): Promise<boolean> {
    this.#assertOpen();
    return this.#statements.revokeInvite.run(at, inviteId, workspaceId).changes === 1;
  }

  async acceptInvite(member: MemberRecord, sessionTokenHash: string): Promise<void> {
    this.#assertOpen();
    const s = this.#statements;
    this.#db
      .transaction(() => {
        insertMember(s.insertMember, member);
        s.insertSession.run(sessionTokenHash, member.id, member.createdAt);
      })
      .immediate();
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    this.#assertOpen();
    const row = this.#statements.findSession.get(tokenHash) as SessionRow | undefined;
    if (!row) return null;
    return {
      member: memberFromRow({
        id: row.m_id,
        workspace_id: row.m_workspace_id,
        name: row.m_name,
        role: row.m_role,
        access: row.m_access,
        created_at: row.m_created_at,
        removed_at: row.m_removed_at,
      }),
      workspace: { id: row.w_id, name: row.w_name, createdAt: row.w_created_at },
    };
  }

  // ---- workspace data (WorkspaceDataStorage.ts) ----

  async listDocuments(workspaceId: string): Promise<DocumentRecord[]> {
    this.#assertOpen();
    const rows = this.#db
      .prepare('SELECT workspace_id, doc_id, created_at, created_by FROM documents WHERE workspace_id = ? ORDER BY created_at, rowid')
      .all(workspaceId) as DocumentRow[];
    return rows.map((row) => ({ workspaceId: row.workspace_id, docId: row.doc_id, createdAt: row.created_at, createdBy: row.created_by }));
  }

  async addMembersWithoutSession(members: readonly MemberRecord[]): Promise<void> {
    this.#assertOpen();
    const insert = this.#statements.insertMember;
    this.#db.transaction(() => members.forEach((member) => insertMember(insert, member))).immediate();
  }

  async anonymiseMember(memberId: string, name: string, at: number): Promise<void> {
    this.#assertOpen();
    const s = this.#statements;
    this.#db
      .transaction(() => {
        this.#db.prepare('UPDATE members SET name = ? WHERE id = ?').run(name, memberId);
        s.markMemberRemoved.run(at, memberId);
        s.revokeMemberSessions.run(at, memberId);
      })
      .immediate();
  }

  async listMemberUpdates(workspaceId: string, memberId: string): Promise<MemberUpdate[]> {
    this.#assertOpen();
    this.#flush();
    const rows = this.#db
      .prepare('SELECT doc_id, seq, data, created_at FROM document_updates WHERE workspace_id = ? AND member_id = ? ORDER BY seq')
      .all(workspaceId, memberId) as { doc_id: string; seq: number; data: Buffer; created_at: number }[];
    return rows.map((row) => ({ docId: row.doc_id, seq: row.seq, update: asBytes(row.data), at: row.created_at }));
  }

  async deleteWorkspace(workspaceId: string): Promise<void> {
    this.#assertOpen();
    this.#flush(); // an append queued for this workspace must not land after the delete
    const db = this.#db;
    db.transaction(() => {
      for (const table of ['document_updates', 'document_snapshots', 'documents']) {
        db.prepare(`DELETE FROM ${table} WHERE workspace_id = ?`).run(workspaceId);
      }
      db.prepare('DELETE FROM sessions WHERE member_id IN (SELECT id FROM members WHERE workspace_id = ?)').run(workspaceId);
      db.prepare('DELETE FROM invites WHERE workspace_id = ?').run(workspaceId);
      db.prepare('DELETE FROM members WHERE workspace_id = ?').run(workspaceId);
      db.prepare('DELETE FROM workspaces WHERE id = ?').run(workspaceId);
    }).immediate();
    // secure_delete zeroed the freed cells in the pages now in the WAL; the WAL itself still
    // holds older images of those pages. A truncating checkpoint copies the new pages into the
    // database file and empties the WAL. It cannot finish while another connection reads an
    // older state; then the old frames are overwritten by later checkpoints, and we say so.
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (result && result.busy !== 0) {
      this.#logger?.info({ workspace: workspaceId }, 'workspace deleted; WAL still in use by a reader, emptied at a later checkpoint');
    }
  }

  async sessionLastUsedAt(tokenHash: string): Promise<number | null> {
    this.#assertOpen();
    const row = this.#db
      .prepare('SELECT coalesce(last_used_at, created_at) AS at FROM sessions WHERE token_hash = ?')
      .get(tokenHash) as { at: number } | undefined;
    return row ? row.at : null;
  }

  async markSessionUsed(tokenHash: string, at: number): Promise<void> {
    this.#assertOpen();
    this.#db.prepare('UPDATE sessions SET last_used_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  // ---- lifecycle ----

  /** Commits what is queued, then closes the file. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#appendsSettled();
    await this.#writer.close();
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError();
  }

  #scheduleFlush(): void {
    if (this.#inFlight) return; // sent when the batch in flight is done
    this.#flushTimer ??= setImmediate(() => this.#flush());
  }

  /** Sends every queued append to the writer as one batch, unless a batch is in flight already. */
  #flush(): void {
    if (this.#flushTimer) clearImmediate(this.#flushTimer);
    this.#flushTimer = null;
    if (this.#inFlight || this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#inFlight = this.#commit(batch).finally(() => {
      this.#inFlight = null;
      this.#settled += batch.length;
      this.#releaseSettleWaiters();
      // What gathered meanwhile goes after the continuations of this batch had their turn to add to it.
      if (this.#queue.length > 0) this.#flushTimer ??= setImmediate(() => this.#flush());
    });
  }

  async #commit(batch: PendingAppend[]): Promise<void> {
    let appended: AppendedUpdate[];
    try {
      appended = await this.#writer.append(
        batch.map((item) => ({
          workspaceId: item.workspaceId,
          docId: item.docId,
          // A view into a larger buffer (a socket's read) would be posted with all of that buffer.
          update: item.update.byteLength === item.update.buffer.byteLength ? item.update : item.update.slice(),
          memberId: item.origin.memberId,
          at: item.origin.at,
        })),
      );
    } catch (error) {
      // Nothing in the batch was committed, so nothing in it may look stored.
      this.#logger?.error({ err: error, updates: batch.length }, 'SQLite append batch failed');
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => item.resolve(appended[index] as AppendedUpdate));
  }

  /** Resolves when every append called so far has committed or failed; sends the queue at once. */
  #appendsSettled(): Promise<void> {
    const target = this.#accepted;
    if (this.#settled >= target) return Promise.resolve();
    this.#flush();
    return new Promise((resolve) => this.#settleWaiters.push({ target, resolve }));
  }

  #releaseSettleWaiters(): void {
    const ready = this.#settleWaiters.filter((waiter) => waiter.target <= this.#settled);
    if (ready.length === 0) return;
    this.#settleWaiters = this.#settleWaiters.filter((waiter) => waiter.target > this.#settled);
    for (const waiter of ready) waiter.resolve();
  }
}

function prepareStatements(db: Database) {
  return {
    getSnapshot: db.prepare(
      'SELECT snapshot, snapshot_seq FROM document_snapshots WHERE workspace_id = ? AND doc_id = ?',
    ),
    updatesAfter: db.prepare(
      'SELECT seq, data FROM document_updates WHERE workspace_id = ? AND doc_id = ? AND seq > ? ORDER BY seq',
    ),
    pendingCount: db.prepare(`
      SELECT count(*) AS n FROM document_updates
      WHERE workspace_id = ? AND doc_id = ? AND seq > coalesce(
        (SELECT snapshot_seq FROM document_snapshots WHERE workspace_id = ? AND doc_id = ?), 0)
    `),
    insertUpdate: db.prepare(
      'INSERT INTO document_updates (workspace_id, doc_id, data, member_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    insertDocument: db.prepare(`
      INSERT INTO documents (workspace_id, doc_id, created_at, created_by) VALUES (?, ?, ?, ?)
      ON CONFLICT (workspace_id, doc_id) DO NOTHING
    `),
    getDocument: db.prepare(
      'SELECT workspace_id, doc_id, created_at, created_by FROM documents WHERE workspace_id = ? AND doc_id = ?',
    ),

    insertWorkspace: db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)'),
    getWorkspace: db.prepare('SELECT id, name, created_at FROM workspaces WHERE id = ?'),
    insertMember: db.prepare(`
      INSERT INTO members (id, workspace_id, name, role, access, created_at, removed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
    `),
    getMember: db.prepare(
      'SELECT id, workspace_id, name, role, access, created_at, removed_at FROM members WHERE id = ?',
    ),
    // Removed members stay listed (with removed_at): their names still label what they wrote.
    listMembers: db.prepare(`
      SELECT id, workspace_id, name, role, access, created_at, removed_at FROM members
      WHERE workspace_id = ? ORDER BY created_at, rowid
    `),
    // coalesce keeps the first removal time when a member is removed twice.
    markMemberRemoved: db.prepare('UPDATE members SET removed_at = coalesce(removed_at, ?) WHERE id = ?'),
    revokeMemberSessions: db.prepare(
      'UPDATE sessions SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL',
    ),
    insertInvite: db.prepare(`
      INSERT INTO invites (id, workspace_id, code_hash, access, created_by, created_at, revoked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
    `),
    findInvite: db.prepare(
      'SELECT id, workspace_id, access, created_by, created_at, revoked_at FROM invites WHERE code_hash = ?',
    ),
    listInvites: db.prepare(`
      SELECT id, workspace_id, access, created_by, created_at, revoked_at FROM invites
      WHERE workspace_id = ? ORDER BY created_at, rowid
    `),
    revokeInvite: db.prepare(
      'UPDATE invites SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL',
    ),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, member_id, created_at) VALUES (?, ?, ?)'),
    findSession: db.prepare(`
      SELECT m.id AS m_id, m.workspace_id AS m_workspace_id, m.name AS m_name, m.role AS m_role,
             m.access AS m_access, m.created_at AS m_created_at, m.removed_at AS m_removed_at,
             w.id AS w_id, w.name AS w_name, w.created_at AS w_created_at
      FROM sessions s
      JOIN members m ON m.id = s.member_id
      JOIN workspaces w ON w.id = m.workspace_id
      WHERE s.token_hash = ? AND s.revoked_at IS NULL AND m.removed_at IS NULL
    `),
  };
}

function insertMember(statement: Statement, member: MemberRecord): void {
  statement.run(
    member.id,
    member.workspaceId,
    member.name,
    member.role,
    member.access,
    member.createdAt,
    member.removedAt,
  );
}




function closedError(): Error {
  return new Error('SQLite storage is closed');
}
