/**
 * What only the PostgreSQL storage has to get right (the shared behaviour is in
 * tests/contract/): migrations when several processes start at once, group
 * commit, and failing writes. Each test has a database of its own.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../server/storage/postgres.ts';
import type { StorageLogger } from '../../server/storage/sqlite.ts';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgresMigrations.ts';
import { createTestDatabase, requireServices, type TestDatabase } from '../helpers/services.ts';

const services = await requireServices(['postgres']);
const origin = { memberId: 'm1', at: 1_700_000_000_000 };

function textWriter(): (s: string) => Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  return (s) => {
    const before = Y.encodeStateVector(doc);
    text.insert(text.length, s);
    return Y.encodeStateAsUpdate(doc, before);
  };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!services.available)(`PostgreSQL storage${services.skipNote}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('migrates a new database once when several processes start at the same moment', async () => {
    const opened = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresStorage({ connectionString: database.url, poolSize: 2 })),
    );
    for (const storage of opened) await storage.close();
    const applied = await query<{ version: number }>(database.url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
  });

  it('refuses a database whose schema is newer than this code', async () => {
    const storage = await openPostgresStorage({ connectionString: database.url });
    await storage.close();
    await query(database.url, "INSERT INTO schema_migrations (version, description) VALUES (99, 'from the future')");
    await expect(openPostgresStorage({ connectionString: database.url })).rejects.toThrow(/schema version 99/);
  });

  it('commits appends that arrive together in one transaction, in call order, across documents', async () => {
    const storage = await openPostgresStorage({ connectionString: database.url });
    const write = textWriter();
    const appended = await Promise.all(
      Array.from({ length: 30 }, (_, i) => storage.appendUpdate('ws', `doc-${i % 3}`, write(`<${i}>`), origin)),
    );
    await storage.close();
    // Rows written by one transaction share its id (xmin).
    const transactions = await query<{ n: number }>(
      database.url,
      'SELECT count(DISTINCT xmin::text)::integer AS n FROM document_updates',
    );
    expect(transactions[0]!.n).toBe(1);
    const seqs = appended.map((a) => a.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('when a group cannot commit, every append in it rejects, is logged once, and the storage goes on', async () => {
    const errors: object[] = [];
    const logger: StorageLogger = { info: () => undefined, error: (details) => errors.push(details) };
    const storage = await openPostgresStorage({ connectionString: database.url, logger });
    const write = textWriter();
    await query(database.url, 'ALTER FUNCTION samenspel_append_updates RENAME TO broken_append');
    const results = await Promise.allSettled([
      storage.appendUpdate('ws', 'a', write('verloren'), origin),
      storage.appendUpdate('ws', 'b', write('ook verloren'), origin),
    ]);
    await query(database.url, 'ALTER FUNCTION broken_append RENAME TO samenspel_append_updates');

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(errors).toEqual([expect.objectContaining({ updates: 2 })]);
    expect((await storage.loadDocument('ws', 'a')).updates).toEqual([]);
    const { seq } = await storage.appendUpdate('ws', 'a', write('wel bewaard'), origin);
    expect((await storage.loadDocument('ws', 'a')).updates.map((u) => u.seq)).toEqual([seq]);
    await storage.close();
  });
});
