/**
 * Deleting a workspace for good with PostgreSQL storage: the real server
 * (DATABASE_URL, its own new database) deletes every row of the workspace;
 * afterwards no table holds its ids, names or text (searched in every text
 * column and inside every bytea). What this does not cover, and why, is in the
 * README ("Personal data"): dead tuples stay in the table files until VACUUM
 * reuses the space, and WAL segments and backups keep them until recycled.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendBlocks } from '../../shared/schema/richText.ts';
import { readDocuments } from '../../shared/schema/workspaceIndex.ts';
import { addMember, apiRequest, connectClient, createWorkspace, POLL, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { createTestDatabase, requireServices, type TestDatabase } from '../helpers/services.ts';

const services = await requireServices(['postgres']);

describe.skipIf(!services.available)(`deleting a workspace in PostgreSQL${services.skipNote}`, () => {
  let database: TestDatabase;
  let server: TestServer;
  let admin: pg.Client;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({ env: { DATABASE_URL: database.url } });
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await admin?.end();
    await database?.drop();
  });

  /** Rows of any table of ours that hold `needle` in a text column or inside a bytea. */
  async function rowsHolding(needle: string): Promise<string[]> {
    const { rows: columns } = await admin.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'bytea')`,
    );
    const found: string[] = [];
    for (const column of columns) {
      const test =
        column.data_type === 'bytea'
          ? `position(convert_to($1, 'UTF8') in "${column.column_name}") > 0`
          : `position($1 in "${column.column_name}") > 0`;
      const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${column.table_name}" WHERE ${test}`, [needle]);
      if (Number(rows[0]!.n) > 0) found.push(`${column.table_name}.${column.column_name}`);
    }
    return found;
  }

  it('no table holds its ids, names or text afterwards; another workspace stays', async () => {
    const SECRET_TEXT = 'PG-vijverplan-uniek-91c3e0';
    const founder = await createWorkspace(server, 'Oefenvijver-weg-3d8', { name: 'Truus Weg-41b', role: 'resident' });
    const member = await addMember(server, founder.workspaceId, founder.token, 'edit', { name: 'Sjaak Weg-c07', role: 'professional' });
    const keeper = await createWorkspace(server, 'Blijft', { name: 'Blijver-88e', role: 'other' });
    const index = connectClient({ server, workspaceId: founder.workspaceId, docId: 'index', token: founder.token });
    clients.push(index);
    await index.synced;
    const planId = readDocuments(index.doc).find((entry) => entry.kind === 'plan')!.id;
    const writer = connectClient({ server, workspaceId: founder.workspaceId, docId: planId, token: member.token });
    clients.push(writer);
    await writer.synced;
    appendBlocks(writer.doc, [{ type: 'paragraph', text: SECRET_TEXT }]);

    const needles = [founder.workspaceId, founder.memberId, member.memberId, planId, SECRET_TEXT, 'Truus Weg-41b', 'Sjaak Weg-c07', 'Oefenvijver-weg-3d8'];
    await vi.waitFor(async () => expect(await rowsHolding(SECRET_TEXT)).toEqual(['document_updates.data']), POLL);
    for (const needle of needles) expect((await rowsHolding(needle)).length, needle).toBeGreaterThan(0);

    const deleted = await apiRequest(server, 'DELETE', `/api/workspaces/${founder.workspaceId}`, {
      token: founder.token,
      json: { workspaceName: 'Oefenvijver-weg-3d8' },
    });
    expect(deleted.status).toBe(204);
    await vi.waitFor(() => expect(writer.closes.map((close) => close.code)).toContain(4403), POLL);
    for (const needle of needles) expect(await rowsHolding(needle), needle).toEqual([]);
    expect(await rowsHolding('Blijver-88e')).toEqual(['members.name']);
    expect(await rowsHolding(keeper.workspaceId)).not.toEqual([]);
  });
});
