/** WorkspaceDataStorage against a real PostgreSQL: one new database for this file, emptied before each test. */
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres.ts';
import { createTestDatabase, requireServices, type TestDatabase } from '../helpers/services.ts';
import { describeWorkspaceDataContract } from './workspaceDataContract.ts';

const services = await requireServices(['postgres']);

if (!services.available) {
  describe(`WorkspaceDataStorage contract: PostgreSQL${services.skipNote}`, () => {
    it.skip('needs PostgreSQL', () => undefined);
  });
} else {
  let database: Promise<TestDatabase> | null = null;

  afterAll(async () => {
    await (await database)?.drop();
  });

  describeWorkspaceDataContract('PostgreSQL', async () => {
    database ??= createTestDatabase();
    const { url } = await database;
    const storage = await openPostgresStorage({ connectionString: url, poolSize: 4 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`
      TRUNCATE workspaces, members, invites, sessions, documents, document_updates, document_snapshots
      RESTART IDENTITY CASCADE
    `);
    await admin.end();
    return { storage, cleanup: () => storage.close() };
  });
}
