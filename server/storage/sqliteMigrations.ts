/**
 * The SQLite schema, as an ordered list of migrations. The database records the
 * last one applied in `PRAGMA user_version` (0 for a new file). A migration is
 * never edited once released: it describes how the schema looked at that step,
 * so the SQL below spells out values (roles, access levels) as they were then
 * instead of importing today's constants.
 */
import type { Database } from 'better-sqlite3';

export interface SqliteMigration {
  /** 1, 2, 3, ... without gaps, in array order. */
  version: number;
  description: string;
  up(db: Database): void;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'accounts: workspaces, members, invites, sessions',
    up(db) {
      db.exec(`
        CREATE TABLE workspaces (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE members (
          id TEXT PRIMARY KEY,
          workspace_id TEXT NOT NULL REFERENCES workspaces (id),
          name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('resident', 'professional', 'other')),
          access TEXT NOT NULL CHECK (access IN ('edit', 'view')),
          created_at INTEGER NOT NULL,
          removed_at INTEGER
        ) STRICT;
        CREATE INDEX members_by_workspace ON members (workspace_id, created_at);

        CREATE TABLE invites (
          id TEXT PRIMARY KEY,
          workspace_id TEXT NOT NULL REFERENCES workspaces (id),
          code_hash TEXT NOT NULL UNIQUE,
          access TEXT NOT NULL CHECK (access IN ('edit', 'view')),
          created_by TEXT NOT NULL REFERENCES members (id),
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        ) STRICT;
        CREATE INDEX invites_by_workspace ON invites (workspace_id, created_at);

        CREATE TABLE sessions (
          token_hash TEXT PRIMARY KEY,
          member_id TEXT NOT NULL REFERENCES members (id),
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        ) STRICT;
        CREATE INDEX sessions_by_member ON sessions (member_id);
      `);
    },
  },
  {
    version: 2,
    description: 'documents: records, update log, snapshots',
    up(db) {
      // No foreign keys on the document tables: the update log sits on the hot
      // path of every edit, and an append must not fail because a record it
      // could point at was written in another order. Access is checked at the
      // connection, before anything reaches storage.
      //
      // seq is global (AUTOINCREMENT never reuses a value), so it also orders
      // appends from several processes sharing the file by commit order.
      db.exec(`
        CREATE TABLE documents (
          workspace_id TEXT NOT NULL,
          doc_id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          created_by TEXT,
          PRIMARY KEY (workspace_id, doc_id)
        ) STRICT;

        CREATE TABLE document_updates (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          workspace_id TEXT NOT NULL,
          doc_id TEXT NOT NULL,
          data BLOB NOT NULL,
          member_id TEXT,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX document_updates_by_document ON document_updates (workspace_id, doc_id, seq);

        CREATE TABLE document_snapshots (
          workspace_id TEXT NOT NULL,
          doc_id TEXT NOT NULL,
          snapshot BLOB NOT NULL,
          snapshot_seq INTEGER NOT NULL,
          compacted_at INTEGER NOT NULL,
          PRIMARY KEY (workspace_id, doc_id)
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    description: 'sessions: last use, for expiry after SESSION_IDLE_DAYS unused',
    up(db) {
      // NULL until first used after this migration: expiry then counts from created_at.
      db.exec('ALTER TABLE sessions ADD COLUMN last_used_at INTEGER');
    },
  },
];

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the database up to `target` (default: the last migration), one
 * migration per transaction. Each step takes the write lock first and re-reads
 * the version inside it, so two processes opening the same new file at once
 * apply every step exactly once. A database newer than the code is refused:
 * running old code on it could corrupt what the newer schema means.
 */
export function migrateSqlite(
  db: Database,
  options: { migrations?: readonly SqliteMigration[]; target?: number } = {},
): MigrationResult {
  const migrations = options.migrations ?? SQLITE_MIGRATIONS;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`SQLite migration at position ${index} has version ${migration.version}, expected ${index + 1}`);
    }
  });
  const latest = migrations.length;
  const target = options.target ?? latest;
  if (target < 0 || target > latest) {
    throw new Error(`SQLite migration target ${target} is outside 0..${latest}`);
  }

  const from = schemaVersion(db);
  if (from > latest) {
    throw new Error(
      `The database ${db.name} has schema version ${from}, but this version of Samenspel knows only up to ${latest}. ` +
        'Run a newer Samenspel, or restore a backup made with this version.',
    );
  }

  for (const migration of migrations.slice(from, target)) {
    const apply = db.transaction(() => {
      const current = schemaVersion(db);
      if (current >= migration.version) return; // another process got here first
      if (current !== migration.version - 1) {
        throw new Error(`SQLite schema is at version ${current}, cannot apply migration ${migration.version}`);
      }
      migration.up(db);
      // user_version lives in the file header, which is part of the transaction.
      db.pragma(`user_version = ${migration.version}`);
    });
    apply.immediate();
  }
  return { from, to: schemaVersion(db) };
}
