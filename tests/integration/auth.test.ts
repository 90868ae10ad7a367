/**
 * CONTRACT.md, "Collaboration WebSocket": who may open which document. The upgrade
 * is checked in order (malformed ids 400, no/unknown token 401, other workspace
 * 403, foreign Origin with a cookie 403) with no WebSocket opened on a refusal;
 * view-only members read but never write; sessions outlive the process.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../shared/api.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import {
  addMember,
  apiRequest,
  collabPath,
  connectClient,
  createWorkspace,
  peerStates,
  POLL,
  rawSocket,
  type CollabClient,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const DOC = 'notes';

describe('collaboration upgrade: who may connect', () => {
  let server: TestServer;
  let home: { workspaceId: string; memberId: string; token: string };
  let other: { workspaceId: string; memberId: string; token: string };
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startServer();
    home = await createWorkspace(server, 'Thuis');
    other = await createWorkspace(server, 'Elders', { name: 'Otto', role: 'other' });
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
  });

  function connect(options: { workspaceId: string; docId: string; token: string }): CollabClient {
    const client = connectClient({ server, ...options });
    clients.push(client);
    return client;
  }

  it('malformed ids: characters outside [A-Za-z0-9_-] answer 400', async () => {
    const socket = rawSocket(server, '/collab/bad id!/doc', { token: home.token });
    expect(await socket.refused()).toBe(400);
    const inDoc = rawSocket(server, `/collab/${home.workspaceId}/doc.txt`, { token: home.token });
    expect(await inDoc.refused()).toBe(400);
  });

  it('malformed ids: an id longer than 64 characters answers 400', async () => {
    const socket = rawSocket(server, collabPath(home.workspaceId, 'd'.repeat(65)), { token: home.token });
    expect(await socket.refused()).toBe(400);
  });

  it('malformed ids: an id of exactly 64 characters is accepted', async () => {
    const socket = rawSocket(server, collabPath(home.workspaceId, 'd'.repeat(64)), { token: home.token });
    await socket.opened();
    socket.ws.close();
    await socket.closed;
  });

  it('malformed ids: a path without a document part answers 400', async () => {
    expect(await rawSocket(server, `/collab/${home.workspaceId}`, { token: home.token }).refused()).toBe(400);
    expect(await rawSocket(server, `/collab/${home.workspaceId}/`, { token: home.token }).refused()).toBe(400);
    expect(await rawSocket(server, `/collab/${home.workspaceId}/${DOC}/extra`, { token: home.token }).refused()).toBe(
      400,
    );
  });

  it('order: malformed ids answer 400 even without a token', async () => {
    expect(await rawSocket(server, '/collab/bad id!/doc').refused()).toBe(400);
    expect(await rawSocket(server, collabPath(home.workspaceId, 'x'.repeat(65))).refused()).toBe(400);
    expect(await rawSocket(server, `/collab/${home.workspaceId}`).refused()).toBe(400);
  });

  it('no token answers 401', async () => {
    expect(await rawSocket(server, collabPath(home.workspaceId, DOC)).refused()).toBe(401);
  });

  it('an unknown token answers 401', async () => {
    // One shaped like a real token (43 base64url characters) and one that is not.
    const lookalike = 'A'.repeat(43);
    expect(await rawSocket(server, collabPath(home.workspaceId, DOC), { token: lookalike }).refused()).toBe(401);
    expect(await rawSocket(server, collabPath(home.workspaceId, DOC), { token: 'nope' }).refused()).toBe(401);
  });

  it('a valid token of another workspace answers 403', async () => {
    expect(await rawSocket(server, collabPath(home.workspaceId, DOC), { token: other.token }).refused()).toBe(403);
  });

  it('a valid token of its own workspace opens the socket', async () => {
    const socket = rawSocket(server, collabPath(home.workspaceId, DOC), { token: home.token });
    await socket.opened();
    socket.ws.close();
    await socket.closed;
  });

  it('a session cookie with a foreign Origin answers 403', async () => {
    const socket = rawSocket(server, collabPath(home.workspaceId, DOC), {
      headers: {
        Cookie: `${sessionCookieName(home.workspaceId)}=${home.token}`,
        Origin: 'http://evil.example',
      },
    });
    expect(await socket.refused()).toBe(403);
  });

  it("a session cookie with the server's own Origin opens the socket", async () => {
    const socket = rawSocket(server, collabPath(home.workspaceId, DOC), {
      headers: {
        Cookie: `${sessionCookieName(home.workspaceId)}=${home.token}`,
        Origin: `http://127.0.0.1:${server.port}`,
      },
    });
    await socket.opened();
    socket.ws.close();
    await socket.closed;
  });

  it('a view-only member receives the document and the awareness of others', async () => {
    const viewer = await addMember(server, home.workspaceId, home.token, 'view');
    const docId = 'view-receives';
    const editor = connect({ workspaceId: home.workspaceId, docId, token: home.token });
    await editor.synced;
    editor.doc.getText('body').insert(0, 'written by the editor');
    editor.awareness.setLocalStateField('user', { colour: '#336699' });

    const reader = connect({ workspaceId: home.workspaceId, docId, token: viewer.token });
    await reader.synced;
    await expect.poll(() => reader.doc.getText('body').toString(), POLL).toBe('written by the editor');
    await expect
      .poll(() => peerStates(reader).get(editor.doc.clientID), POLL)
      .toMatchObject({
        user: { colour: '#336699' },
        member: { id: home.memberId, name: 'Anna', role: 'resident', access: 'edit' },
      });
  });

  it("a view-only member's presence reaches others, with the server's identity in `member`", async () => {
    const viewer = await addMember(server, home.workspaceId, home.token, 'view', { name: 'Vera', role: 'professional' });
    const docId = 'view-presence';
    const editor = connect({ workspaceId: home.workspaceId, docId, token: home.token });
    const reader = connect({ workspaceId: home.workspaceId, docId, token: viewer.token });
    await Promise.all([editor.synced, reader.synced]);
    // A forged identity: the server must replace it with the authenticated one.
    reader.awareness.setLocalState({
      cursor: 7,
      member: { id: home.memberId, name: 'Anna', role: 'resident', access: 'edit' },
    });
    await expect
      .poll(() => peerStates(editor).get(reader.doc.clientID), POLL)
      .toEqual({ cursor: 7, member: { id: viewer.memberId, name: 'Vera', role: 'professional', access: 'view' } });
  });

  it('an editor may open a new docId, and the document then exists', async () => {
    const docId = 'brand-new-doc';
    const editor = connect({ workspaceId: home.workspaceId, docId, token: home.token });
    await editor.synced;
    editor.doc.getText('body').insert(0, 'first words');
    const second = connect({ workspaceId: home.workspaceId, docId, token: home.token });
    await second.synced;
    await expect.poll(() => second.doc.getText('body').toString(), POLL).toBe('first words');
  });
});

describe('collaboration upgrade: across a restart', () => {
  const dataDirs: string[] = [];
  const servers: TestServer[] = [];
  const clients: CollabClient[] = [];

  async function start(dataDir?: string): Promise<TestServer> {
    const server = await startServer(dataDir ? { dataDir } : {});
    servers.push(server);
    if (!dataDir) dataDirs.push(server.dataDir);
    return server;
  }

  async function restart(server: TestServer): Promise<TestServer> {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop({ keepData: true });
    return start(server.dataDir);
  }

  function connect(server: TestServer, options: { workspaceId: string; docId: string; token: string }): CollabClient {
    const client = connectClient({ server, ...options });
    clients.push(client);
    return client;
  }

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers) await server.stop({ keepData: true });
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('sessions survive a server restart: the same token still opens the socket and the API', async () => {
    const first = await start();
    const workspace = await createWorkspace(first);
    const viewer = await addMember(first, workspace.workspaceId, workspace.token, 'view');
    const second = await restart(first);

    const socket = rawSocket(second, collabPath(workspace.workspaceId, DOC), { token: workspace.token });
    await socket.opened();
    socket.ws.close();
    const viewerSocket = rawSocket(second, collabPath(workspace.workspaceId, DOC), { token: viewer.token });
    await viewerSocket.opened();
    viewerSocket.ws.close();
    const view = await apiRequest(second, 'GET', `/api/workspaces/${workspace.workspaceId}`, { token: workspace.token });
    expect(view.status).toBe(200);
    await Promise.all([socket.closed, viewerSocket.closed]);
  });

  it("a view-only member's document updates are dropped: never forwarded to an editor, never stored", async () => {
    const first = await start();
    const workspace = await createWorkspace(first);
    const viewer = await addMember(first, workspace.workspaceId, workspace.token, 'view');
    const docId = 'view-drops';

    const editor = connect(first, { workspaceId: workspace.workspaceId, docId, token: workspace.token });
    await editor.synced;
    editor.doc.getText('body').insert(0, 'editor text');
    const reader = connect(first, { workspaceId: workspace.workspaceId, docId, token: viewer.token });
    await reader.synced;
    await expect.poll(() => reader.doc.getText('body').toString(), POLL).toBe('editor text');

    reader.doc.getText('body').insert(0, 'VIEWER WAS HERE ');
    reader.doc.getMap('meta').set('title', 'hijacked');
    // Sent after the edit on the same socket, so once the editor sees it the server has handled the edit.
    reader.awareness.setLocalStateField('marker', 'after-edit');
    await expect.poll(() => peerStates(editor).get(reader.doc.clientID)?.marker, POLL).toBe('after-edit');

    // A fresh editor syncs from the server's state, which must not hold the viewer's edit.
    const late = connect(first, { workspaceId: workspace.workspaceId, docId, token: workspace.token });
    await late.synced;
    expect(late.doc.getText('body').toString()).toBe('editor text');
    expect(late.doc.getMap('meta').size).toBe(0);
    expect(editor.doc.getText('body').toString()).toBe('editor text');
    expect(editor.doc.getMap('meta').size).toBe(0);

    const second = await restart(first);
    const afterRestart = connect(second, { workspaceId: workspace.workspaceId, docId, token: workspace.token });
    await afterRestart.synced;
    expect(afterRestart.doc.getText('body').toString()).toBe('editor text');
    expect(afterRestart.doc.getMap('meta').size).toBe(0);
  });

  it('an editor may open a new docId: its record is stored and its content survives a restart', async () => {
    const first = await start();
    const workspace = await createWorkspace(first);
    const docId = 'opened-by-editor';
    const editor = connect(first, { workspaceId: workspace.workspaceId, docId, token: workspace.token });
    await editor.synced;
    editor.doc.getText('body').insert(0, 'kept');
    const peer = connect(first, { workspaceId: workspace.workspaceId, docId, token: workspace.token });
    await peer.synced;
    // Seen by a peer means stored (CONTRACT.md, "Stored before forwarded").
    await expect.poll(() => peer.doc.getText('body').toString(), POLL).toBe('kept');

    const second = await restart(first);
    const reader = connect(second, { workspaceId: workspace.workspaceId, docId, token: workspace.token });
    await reader.synced;
    expect(reader.doc.getText('body').toString()).toBe('kept');

    for (const client of clients.splice(0)) client.destroy();
    await second.stop({ keepData: true });
    const storage = await openSqliteStorage({ dataDir: second.dataDir });
    try {
      expect(await storage.getDocument(workspace.workspaceId, docId)).toMatchObject({
        workspaceId: workspace.workspaceId,
        docId,
        createdBy: workspace.memberId,
      });
    } finally {
      await storage.close();
    }
  });
});
