/**
 * The storage contract against a real PostgreSQL (tests/helpers/services.ts):
 * one new database for this file, emptied before each test, dropped at the end.
 */
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { createTestDatabase, requireServices, type TestDatabase } from '../helpers/services.ts';
import { describeStorageContract } from './storageContract.ts';

const services = await requireServices(['postgres']);

if (!services.available) {
  describe(`Storage contract: PostgreSQL${services.skipNote}`, () => {
    it.skip('needs PostgreSQL', () => undefined);
  });
} else {
  let database: Promise<TestDatabase> | null = null;

  afterAll(async () => {
    await (await database)?.drop();
  });

  describeStorageContract('PostgreSQL', async () => {
    database ??= createTestDatabase();
    const { url } = await database;
    const first = await openPostgresStorage({ connectionString: url, poolSize: 4 });
    // Empty for each test; the schema (migrated by the open above) stays.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`
      TRUNCATE workspaces, members, invites, sessions, documents, document_updates, document_snapshots
      RESTART IDENTITY CASCADE
    `);
    await admin.end();
    const peers: Storage[] = [];
    return {
      storage: first,
      async openPeer() {
        const peer = await openPostgresStorage({ connectionString: url, poolSize: 4 });
        peers.push(peer);
        return peer;
      },
      cleanup: async () => {
        for (const peer of peers) await peer.close();
        await first.close();
      },
    };
  });
}
