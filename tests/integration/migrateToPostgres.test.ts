/**
 * `npm run cli -- migrate-sqlite-to-postgres`: a SQLite data directory that a
 * real server filled (compacted documents, a removed member, a revoked
 * invite) moves into an empty PostgreSQL database; a server on PostgreSQL
 * then serves the same sessions and content, and a second run refuses.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addMember,
  apiRequest,
  collabPath,
  connectClient,
  createWorkspace,
  invite,
  rawSocket,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createTestDatabase, requireServices, type TestDatabase } from '../helpers/services.ts';

const services = await requireServices(['postgres']);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function runMigration(dataDir: string, databaseUrl: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'migrate-sqlite-to-postgres'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DATABASE_URL: databaseUrl } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe.skipIf(!services.available)(`migrate-sqlite-to-postgres${services.skipNote}`, () => {
  const servers: TestServer[] = [];
  let database: TestDatabase | null = null;

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    await database?.drop();
    database = null;
  });

  it('copies everything, verifies it, serves it from PostgreSQL, and refuses to copy into a non-empty database', async () => {
    const sqliteServer = await startServer({ env: { COMPACT_AFTER_UPDATES: '5' } });
    servers.push(sqliteServer);
    const { workspaceId, token } = await createWorkspace(sqliteServer, 'Westenwind');
    const removed = await addMember(sqliteServer, workspaceId, token, 'edit', { name: 'Weg', role: 'other' });
    await apiRequest(sqliteServer, 'DELETE', `/api/workspaces/${workspaceId}/members/${removed.memberId}`, { token });
    const revoked = await invite(sqliteServer, workspaceId, token, 'view');
    await apiRequest(sqliteServer, 'DELETE', `/api/workspaces/${workspaceId}/invites/${revoked.id}`, { token });
    const open = await invite(sqliteServer, workspaceId, token, 'edit');

    const writer = connectClient({ server: sqliteServer, workspaceId, docId: 'plan', token });
    await writer.synced;
    for (let i = 0; i < 23; i++) writer.doc.getText('t').insert(writer.doc.getText('t').length, `<${i}>`);
    writer.doc.getText('t').delete(0, 3); // deletions must survive the copy too
    const expected = writer.doc.getText('t').toString();
    await expect.poll(() => sqliteServer.logs.filter((line) => line.msg === 'compacted').length).toBeGreaterThan(0);
    writer.destroy();
    const workspaceBefore = (await apiRequest(sqliteServer, 'GET', `/api/workspaces/${workspaceId}`, { token })).body;
    await sqliteServer.stop({ keepData: true });

    database = await createTestDatabase();
    const first = await runMigration(sqliteServer.dataDir, database.url);
    expect(first.output).toMatch(/documents verified equal/);
    expect(first.code).toBe(0);

    const pgServer = await startServer({ env: { DATABASE_URL: database.url } });
    servers.push(pgServer);
    // Same token, same workspace view (members with the removed one left out, open invites only).
    const view = await apiRequest(pgServer, 'GET', `/api/workspaces/${workspaceId}`, { token });
    expect(view.status).toBe(200);
    expect(view.body).toEqual(workspaceBefore);
    expect(await rawSocket(pgServer, collabPath(workspaceId, 'plan'), { token: removed.token }).refused()).toBe(401);
    expect((await apiRequest(pgServer, 'GET', `/api/invites/${open.code}`)).status).toBe(200);
    expect((await apiRequest(pgServer, 'GET', `/api/invites/${revoked.code}`)).status).toBe(404);

    const reader = connectClient({ server: pgServer, workspaceId, docId: 'plan', token });
    try {
      await reader.synced;
      expect(reader.doc.getText('t').toString()).toBe(expected);
      // New appends continue above the copied seqs, and are there after a restart.
      reader.doc.getText('t').insert(0, '[na de verhuizing]');
      const witness = connectClient({ server: pgServer, workspaceId, docId: 'plan', token });
      await expect.poll(() => witness.doc.getText('t').toString()).toBe(`[na de verhuizing]${expected}`);
      witness.destroy();
    } finally {
      reader.destroy();
    }

    const second = await runMigration(sqliteServer.dataDir, database.url);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/not empty/);
  });
});
