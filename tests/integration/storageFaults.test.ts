/**
 * Storage trouble (issue 7): while writes fail (the test-only fault injection
 * STORAGE_TEST_FAIL_WRITES_FILE), the server refuses new updates — their
 * writers are closed with 4501 and a log line — never forwards what it could
 * not store, keeps serving reads to everyone else, and takes updates again by
 * itself once writes succeed; the writers' edits then arrive, because their
 * clients resend them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { addMember, connectClient, createWorkspace, POLL, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let faultFile: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer();
  // The data dir exists now; the marker lives beside the database, and is absent to start with.
  faultFile = path.join(server.dataDir, 'fail-writes');
  await server.stop({ keepData: true });
  server = await startServer({ dataDir: server.dataDir, env: { STORAGE_TEST_FAIL_WRITES_FILE: faultFile } });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  const dataDir = server?.dataDir;
  await server?.stop({ keepData: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('storage trouble', () => {
  it('refuses updates with 4501 while writes fail, forwards nothing unstored, keeps serving reads, and recovers by itself', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const viewer = await addMember(server, workspaceId, token, 'view');
    const writerDoc = new Y.Doc();
    writerDoc.clientID = 3001;
    const writer = connectClient({ server, workspaceId, docId: 'plan', token, doc: writerDoc });
    const reader = connectClient({ server, workspaceId, docId: 'plan', token: viewer.token });
    clients.push(writer, reader);
    await Promise.all([writer.synced, reader.synced]);
    writer.doc.getText('t').insert(0, 'Opgeslagen. ');
    await expect.poll(() => reader.doc.getText('t').toString(), POLL).toBe('Opgeslagen. ');

    writeFileSync(faultFile, '');
    const since = server.logs.length;
    writer.doc.getText('t').insert(writer.doc.getText('t').length, 'Niet opgeslagen.');
    await expect.poll(() => writer.closes.map((close) => close.code), POLL).toContain(CloseCode.storeFailed);
    await expect
      .poll(() => server.logs.slice(since).some((line) => line.level === 'error' && String(line.msg).startsWith('storing updates failed')), POLL)
      .toBe(true);

    // Reads go on: a new reader gets the stored document, without the unstored edit; the old reader stays.
    const late = connectClient({ server, workspaceId, docId: 'plan', token: viewer.token });
    clients.push(late);
    await late.synced;
    expect(late.doc.getText('t').toString()).toBe('Opgeslagen. ');
    expect(reader.doc.getText('t').toString()).toBe('Opgeslagen. ');
    expect(reader.closes).toEqual([]);

    // Writes succeed again: the writer reconnects by itself and its edit is stored and forwarded.
    rmSync(faultFile);
    await expect.poll(() => late.doc.getText('t').toString(), { timeout: 20_000, interval: 50 }).toBe('Opgeslagen. Niet opgeslagen.');
    await expect.poll(() => reader.doc.getText('t').toString(), POLL).toBe('Opgeslagen. Niet opgeslagen.');
    expect(reader.closes).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
