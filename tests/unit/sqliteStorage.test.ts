/**
 * What only the SQLite storage has to get right: its schema migrations, sharing
 * one file with another process, failing writes, and surviving a crash. The
 * behaviour every backend shares is in tests/contract/.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage, sqliteFilePath } from '../../server/storage/sqlite.ts';
import type { StorageLogger } from '../../server/storage/sqlite.ts';
import { SQLITE_MIGRATIONS, migrateSqlite, schemaVersion } from '../../server/storage/sqliteMigrations.ts';
import type { StoredDocument } from '../../server/storage/Storage.ts';
import { marker } from '../helpers/appendTextUpdates.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APPEND_HELPER = fileURLToPath(new URL('../helpers/appendTextUpdates.ts', import.meta.url));
const LATEST_VERSION = SQLITE_MIGRATIONS.length;

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'samenspel-sqlite-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function textOf(stored: StoredDocument): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

/** A writer of its own: each call appends a string to the text 'body' and returns that update. */
function textWriter(): (s: string) => Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  return (s) => {
    const before = Y.encodeStateVector(doc);
    text.insert(text.length, s);
    return Y.encodeStateAsUpdate(doc, before);
  };
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

const origin = { memberId: 'm1', at: 1_700_000_000_000 };

interface HelperRun {
  /** Resolves once the helper has opened the storage; rejects if it exits first. */
  opened: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function runAppendHelper(args: string[]): HelperRun {
  const child = spawn(process.execPath, ['--import', 'tsx', APPEND_HELPER, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.split('\n').includes('open')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`append helper exited (${code ?? signal}) before opening: ${stderr}`)),
    );
  });
  return { opened, exited };
}

describe('SQLite schema migrations', () => {
  it('a new database is created at the latest version, in WAL mode', async () => {
    const storage = await openSqliteStorage({ dataDir });
    await storage.close();

    const db = new Database(sqliteFilePath(dataDir));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('an older database is migrated forward on open, and its data stays intact', async () => {
    const db = new Database(sqliteFilePath(dataDir));
    migrateSqlite(db, { target: 1 });
    expect(schemaVersion(db)).toBe(1);
    db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run('w1', 'Westenwind', 1);
    db.prepare(
      'INSERT INTO members (id, workspace_id, name, role, access, created_at, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run('m1', 'w1', 'Anna', 'resident', 'edit', 2, null);
    db.prepare('INSERT INTO sessions (token_hash, member_id, created_at) VALUES (?, ?, ?)').run('hash-1', 'm1', 3);
    db.close();

    const storage = await openSqliteStorage({ dataDir });
    expect(await storage.findSession('hash-1')).toEqual({
      member: { id: 'm1', workspaceId: 'w1', name: 'Anna', role: 'resident', access: 'edit', createdAt: 2, removedAt: null },
      workspace: { id: 'w1', name: 'Westenwind', createdAt: 1 },
    });
    // The tables of the later migration work.
    const write = textWriter();
    await storage.appendUpdate('w1', 'plan', write('na de migratie'), origin);
    expect(textOf(await storage.loadDocument('w1', 'plan'))).toBe('na de migratie');
    await storage.close();

    const reopened = new Database(sqliteFilePath(dataDir));
    expect(schemaVersion(reopened)).toBe(LATEST_VERSION);
    reopened.close();
  });

  it('a database newer than the code is refused with a clear error and left untouched', async () => {
    const db = new Database(sqliteFilePath(dataDir));
    migrateSqlite(db);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();

    await expect(openSqliteStorage({ dataDir })).rejects.toThrow(
      `schema version ${LATEST_VERSION + 1}, but this version of Samenspel knows only up to ${LATEST_VERSION}`,
    );

    const after = new Database(sqliteFilePath(dataDir));
    expect(schemaVersion(after)).toBe(LATEST_VERSION + 1);
    after.close();
  });

  it('a migration that fails is rolled back whole, and the version stays at the last good step', () => {
    const db = new Database(sqliteFilePath(dataDir));
    const migrations = [
      { version: 1, description: 'good', up: (d: Database.Database) => d.exec('CREATE TABLE good (x INTEGER)') },
      {
        version: 2,
        description: 'fails halfway',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half (x INTEGER)');
          throw new Error('migration 2 broke');
        },
      },
    ];
    expect(() => migrateSqlite(db, { migrations })).toThrow('migration 2 broke');
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toContain('good');
    expect(tables).not.toContain('half');
    db.close();
  });

  it('migrations must be numbered 1, 2, 3, ... in order', () => {
    const db = new Database(':memory:');
    const skipping = [{ version: 2, description: 'no 1', up: () => undefined }];
    expect(() => migrateSqlite(db, { migrations: skipping })).toThrow('expected 1');
    db.close();
  });
});

describe('SQLite shared with another process', () => {
  it('compaction racing appends from another process loses no update and duplicates none', async () => {
    const childCount = 150;
    const storage = await openSqliteStorage({ dataDir });
    const child = runAppendHelper([dataDir, 'ws', 'plan', 'child', String(childCount)]);
    await child.opened;
    let childExited = false;
    void child.exited.then(() => (childExited = true));

    // Each time the child has committed something, this process appends a
    // marker of its own and compacts, so compactions keep meeting the child's
    // next append. Writing only then (reads do not lock in WAL mode) leaves the
    // write lock free most of the time: SQLite's busy wait is not fair, and a
    // loop that rewrites without pause would starve the child past its timeout.
    const write = textWriter();
    let parentCount = 0;
    while (!childExited) {
      if ((await storage.pendingLogLength('ws', 'plan')) > 0) {
        await storage.appendUpdate('ws', 'plan', write(marker('parent', parentCount)), origin);
        parentCount++;
        await storage.compact('ws', 'plan');
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const result = await child.exited;
    expect(result, result.stderr).toMatchObject({ code: 0, signal: null });
    await storage.compact('ws', 'plan');

    const stored = await storage.loadDocument('ws', 'plan');
    expect(stored.updates).toEqual([]);
    expect(await storage.pendingLogLength('ws', 'plan')).toBe(0);
    const text = textOf(stored);
    const expected = [
      ...Array.from({ length: childCount }, (_, i) => marker('child', i)),
      ...Array.from({ length: parentCount }, (_, i) => marker('parent', i)),
    ];
    for (const m of expected) expect(occurrences(text, m), m).toBe(1);
    expect(text.length).toBe(expected.join('').length);
    await storage.close();

    // Compaction only moves the snapshot: every log row is still there.
    const db = new Database(sqliteFilePath(dataDir), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM document_updates').pluck().get()).toBe(childCount + parentCount);
    db.close();
  });
});

describe('SQLite write failures', () => {
  it('when the batch cannot commit, every append in it rejects, is logged once, and nothing is stored', async () => {
    const errors: object[] = [];
    const logger: StorageLogger = { info: () => undefined, error: (details) => errors.push(details) };
    const storage = await openSqliteStorage({ dataDir, logger, busyTimeoutMs: 20 });
    const write = textWriter();

    // Another connection holds the write lock for longer than the storage waits.
    const blocker = new Database(sqliteFilePath(dataDir));
    blocker.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([
      storage.appendUpdate('ws', 'a', write('verloren'), origin),
      storage.appendUpdate('ws', 'b', write('ook verloren'), origin),
    ]);
    blocker.exec('ROLLBACK');
    blocker.close();

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of results) expect(r.status === 'rejected' && String(r.reason)).toMatch(/locked|busy/i);
    expect(errors).toEqual([expect.objectContaining({ updates: 2 })]);
    expect((await storage.loadDocument('ws', 'a')).updates).toEqual([]);
    expect((await storage.loadDocument('ws', 'b')).updates).toEqual([]);

    // The storage is still usable once the lock is gone.
    const { seq } = await storage.appendUpdate('ws', 'a', write('wel bewaard'), origin);
    expect((await storage.loadDocument('ws', 'a')).updates.map((u) => u.seq)).toEqual([seq]);
    await storage.close();
  });

  it('a malformed append is refused on its own and does not fail the batch it would have joined', async () => {
    const storage = await openSqliteStorage({ dataDir });
    const write = textWriter();
    const results = await Promise.allSettled([
      storage.appendUpdate('ws', 'a', write('goed'), origin),
      storage.appendUpdate('ws', 'b', new Uint8Array(0), origin),
      storage.appendUpdate('ws', 'c', write('ook goed'), { memberId: 'm1', at: 1.5 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(textOf(await storage.loadDocument('ws', 'a'))).toBe('goed');
    expect((await storage.loadDocument('ws', 'b')).updates).toEqual([]);
    expect((await storage.loadDocument('ws', 'c')).updates).toEqual([]);
    await storage.close();
  });

  it('an append after close rejects instead of resolving', async () => {
    const storage = await openSqliteStorage({ dataDir });
    await storage.close();
    await expect(storage.appendUpdate('ws', 'a', textWriter()('te laat'), origin)).rejects.toThrow(
      'SQLite storage is closed',
    );
  });
});

describe('SQLite durability', () => {
  it('a resolved append is visible to another connection while the first is still open', async () => {
    const first = await openSqliteStorage({ dataDir });
    await first.appendUpdate('ws', 'plan', textWriter()('gedeeld'), origin);
    const second = await openSqliteStorage({ dataDir });
    expect(textOf(await second.loadDocument('ws', 'plan'))).toBe('gedeeld');
    await second.close();
    await first.close();
  });

  it('appends queued at close are committed and found after reopening', async () => {
    const storage = await openSqliteStorage({ dataDir });
    const write = textWriter();
    const pending = ['een ', 'twee ', 'drie'].map((s) => storage.appendUpdate('ws', 'plan', write(s), origin));
    await storage.close();
    await Promise.all(pending);

    const reopened = await openSqliteStorage({ dataDir });
    expect(textOf(await reopened.loadDocument('ws', 'plan'))).toBe('een twee drie');
    await reopened.close();
  });

  it('every append that resolved survives the writing process being killed with SIGKILL', async () => {
    const count = 20;
    const child = runAppendHelper([dataDir, 'ws', 'plan', 'crash', String(count), '--kill']);
    const result = await child.exited;
    // The helper kills itself only after its last append resolved.
    expect(result, result.stderr).toMatchObject({ signal: 'SIGKILL' });

    const storage = await openSqliteStorage({ dataDir });
    const stored = await storage.loadDocument('ws', 'plan');
    expect(stored.updates).toHaveLength(count);
    expect(textOf(stored)).toBe(Array.from({ length: count }, (_, i) => marker('crash', i)).join(''));
    await storage.close();
  });
});
