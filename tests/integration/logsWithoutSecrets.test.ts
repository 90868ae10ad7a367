/**
 * The server's log output never holds document content, session tokens, session
 * cookie values or invite codes: a realistic session at LOG_LEVEL=trace against
 * the real server process, and then every byte it printed (standard output and
 * error) is searched for each of them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendBlocks } from '../../shared/schema/richText.ts';
import { readDocuments } from '../../shared/schema/workspaceIndex.ts';
import { acceptInvite, apiRequest, collabPath, connectClient, createWorkspace, invite, POLL, rawSocket, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { exportZip, importZip, unpack } from '../helpers/workspaceZip.ts';

let server: TestServer;
let output = '';
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: 'trace', COMPACT_AFTER_UPDATES: '5' } });
  server.process.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.process.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

function cookieValue(setCookie: string | null): string {
  const match = /samenspel_[A-Za-z0-9_-]+=([^;]+)/.exec(setCookie ?? '');
  if (!match?.[1]) throw new Error(`no session cookie in ${setCookie}`);
  return match[1];
}

describe('logs', () => {
  it('hold no document content, token, cookie value or invite code after a realistic session', async () => {
    const CONTENT = 'Inhoud-die-nooit-in-een-log-mag-4e7a91';
    const created = await apiRequest<{ workspaceId: string; token: string }>(server, 'POST', '/api/workspaces', {
      json: { name: 'Logtest', member: { name: 'Anna', role: 'resident' } },
    });
    const { workspaceId, token } = created.body;
    const cookie = cookieValue(created.headers.get('set-cookie'));
    const origin = { origin: server.url, cookie: `samenspel_${workspaceId}=${cookie}` };

    // Cookie-authenticated requests, as a browser makes them.
    const { code } = await invite(server, workspaceId, token, 'edit');
    expect((await apiRequest(server, 'GET', `/api/invites/${code}`)).status).toBe(200);
    const joined = await acceptInvite(server, code, 'Erik', 'professional');
    expect((await apiRequest(server, 'GET', `/api/workspaces/${workspaceId}`, { headers: origin })).status).toBe(200);
    expect((await apiRequest(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { headers: origin, json: { access: 'view' } })).status).toBe(201);

    // Writing, enough for compactions; a bad message; refused upgrades; unknown invite codes.
    const index = connectClient({ server, workspaceId, docId: 'index', token });
    clients.push(index);
    await index.synced;
    const planId = readDocuments(index.doc).find((entry) => entry.kind === 'plan')!.id;
    const writer = connectClient({ server, workspaceId, docId: planId, token: joined.token });
    clients.push(writer);
    await writer.synced;
    for (let i = 0; i < 12; i++) appendBlocks(writer.doc, [{ type: 'paragraph', text: `${CONTENT} ${i}` }]);
    const bad = rawSocket(server, collabPath(workspaceId, planId), { token });
    await bad.opened();
    bad.ws.send(new Uint8Array([0, 2, 200, 1, 2, 3]));
    await bad.closed;
    expect(await rawSocket(server, collabPath(workspaceId, planId), { token: `${token}x` }).refused()).toBe(401);
    await apiRequest(server, 'POST', `/api/invites/${token}/accept`, { json: { name: 'Raden', role: 'other' } });

    // Export, import (good and bad), personal data, removal, deletion.
    await vi.waitFor(async () => {
      const markdown = unpack(await exportZip(server, workspaceId, token)).get(`documents/${planId}/content.md`);
      if (!markdown || !Buffer.from(markdown).includes(`${CONTENT} 11`)) throw new Error('not all stored yet');
    }, POLL);
    const zip = await exportZip(server, workspaceId, token);
    const imported = await importZip(server, zip, { name: 'Anna', role: 'resident' });
    expect(imported.status).toBe(201);
    expect((await importZip(server, Buffer.from(CONTENT))).status).toBe(400);
    expect((await apiRequest(server, 'GET', `/api/workspaces/${workspaceId}/my-data`, { token: joined.token })).status).toBe(200);
    expect((await apiRequest(server, 'POST', `/api/workspaces/${workspaceId}/members/${joined.memberId}/anonymise`, { token })).status).toBe(204);
    const other = await createWorkspace(server, 'Tweede');
    expect((await apiRequest(server, 'DELETE', `/api/workspaces/${other.workspaceId}`, { token: other.token, json: { workspaceName: 'Tweede' } })).status).toBe(204);
    await server.stop({ keepData: false });

    const everything = JSON.stringify(server.logs) + output;
    expect(everything).toContain('workspace exported'); // the logs are there…
    expect(everything).toContain('room loaded');
    const secrets = { token, cookie, code, joinedToken: joined.token, importedToken: imported.body.token!, otherToken: other.token, content: CONTENT };
    for (const [what, secret] of Object.entries(secrets)) expect(everything.includes(secret), `${what} is in the log`).toBe(false);
  });
});
