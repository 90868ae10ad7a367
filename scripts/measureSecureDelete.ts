/**
 * Measures whether a deleted workspace's bytes stay readable in the SQLite
 * files, with and without `secure_delete` and the truncating WAL checkpoint
 * that SqliteStorage.deleteWorkspace uses (README, "Personal data").
 *
 *   node --import tsx scripts/measureSecureDelete.ts
 *
 * Each variant: a fresh database with the real schema, one workspace with a
 * document whose update log and snapshot (rewritten by compaction, leaving old
 * copies in free pages) hold a unique text, a second workspace that stays;
 * then the same DELETE statements as deleteWorkspace, and a byte search of
 * the .db and -wal files.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrateSqlite } from '../server/storage/sqliteMigrations.ts';

const NEEDLE = 'Geheim-vijverplan-0d4c2b';

function run(secureDelete: boolean, checkpoint: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), 'samenspel-measure-'));
  const file = path.join(dir, 'samenspel.db');
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  // Keep every frame in the WAL until we decide (as a busy server between its automatic checkpoints).
  db.pragma('wal_autocheckpoint = 0');
  migrateSqlite(db);
  const insert = db.prepare('INSERT INTO document_updates (workspace_id, doc_id, data, member_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const snapshot = db.prepare(`INSERT INTO document_snapshots (workspace_id, doc_id, snapshot, snapshot_seq, compacted_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (workspace_id, doc_id) DO UPDATE SET snapshot = excluded.snapshot, snapshot_seq = excluded.snapshot_seq`);
  for (const ws of ['weg', 'blijft']) {
    for (let i = 0; i < 200; i++) insert.run(ws, 'plan', Buffer.from(`${ws === 'weg' ? NEEDLE : 'ander'} ${i} ${'x'.repeat(300)}`), 'm1', i);
    // Three compactions: each replaces the snapshot, freeing the old one's pages.
    for (let c = 0; c < 3; c++) snapshot.run(ws, 'plan', Buffer.from(`${ws === 'weg' ? NEEDLE : 'ander'} snapshot ${c} ${'y'.repeat(5000)}`), c, c);
  }
  db.pragma('wal_checkpoint(PASSIVE)');
  db.transaction(() => {
    for (const table of ['document_updates', 'document_snapshots']) db.prepare(`DELETE FROM ${table} WHERE workspace_id = ?`).run('weg');
  }).immediate();
  const started = performance.now();
  if (checkpoint) db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointMs = performance.now() - started;
  const found = (suffix: string) => {
    const target = file + suffix;
    return existsSync(target) ? readFileSync(target).includes(NEEDLE) : false;
  };
  const result = { secureDelete, checkpoint, inDb: found(''), inWal: found('-wal'), walBytes: existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).byteLength : 0, checkpointMs: Math.round(checkpointMs) };
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

console.table([run(false, false), run(false, true), run(true, false), run(true, true)]);
