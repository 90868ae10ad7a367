/**
 * The configurable limits (README, "Configuration"), each against a real server
 * with small values: exceeding one gets a clear answer (close code or HTTP
 * status with a readable message) and a log line, never a crash, and costs only
 * whoever exceeded it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import {
  apiRequest,
  collabPath,
  connectClient,
  createWorkspace,
  invite,
  POLL,
  rawSocket,
  syncStep1Message,
  syncUpdateMessage,
  type RawSocket,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const LIMITS = {
  MAX_MESSAGES_PER_SECOND: '20',
  MESSAGE_BURST: '40',
  MAX_CONNECTIONS_PER_IP: '1000',
  MAX_DOCUMENTS_PER_WORKSPACE: '3',
  MAX_DOCUMENT_BYTES: '4096',
  MAX_BODY_BYTES: '2048',
  INVITE_GUESSES_PER_MINUTE: '5',
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: LIMITS });
});
afterAll(async () => {
  await server?.stop();
});

function logged(message: string, since: number): boolean {
  return server.logs.slice(since).some((line) => line.level === 'warn' && line.msg === message);
}

async function openRaw(workspaceId: string, docId: string, token: string): Promise<RawSocket> {
  const socket = rawSocket(server, collabPath(workspaceId, docId), { token });
  await socket.opened();
  return socket;
}

describe('limits', () => {
  it(`MAX_MESSAGES_PER_SECOND: a connection sending more than the burst at once is closed with ${CloseCode.rateLimited}; others go on`, async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const healthy = connectClient({ server, workspaceId, docId: 'rate', token });
    await healthy.synced;
    const flooder = await openRaw(workspaceId, 'rate', token);
    const since = server.logs.length;
    const step1 = syncStep1Message(new Y.Doc());
    for (let i = 0; i < 200; i++) flooder.ws.send(step1);
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited);
    await expect.poll(() => logged('message rate limit exceeded; closing connection', since), POLL).toBe(true);
    healthy.doc.getText('t').insert(0, 'nog steeds verbonden');
    const reader = connectClient({ server, workspaceId, docId: 'rate', token });
    await expect.poll(() => reader.doc.getText('t').toString(), POLL).toBe('nog steeds verbonden');
    expect(healthy.closes).toEqual([]);
    healthy.destroy();
    reader.destroy();
  });

  it('MAX_CONNECTIONS_PER_IP: one connection more is refused with HTTP 429, and allowed again once one closed', async () => {
    // A server of its own, so that no other test's sockets count against the address.
    const own = await startServer({ env: { MAX_CONNECTIONS_PER_IP: '6' } });
    const sockets: RawSocket[] = [];
    try {
      const { workspaceId, token } = await createWorkspace(own);
      for (let i = 0; i < 6; i++) {
        const socket = rawSocket(own, collabPath(workspaceId, 'conn'), { token });
        sockets.push(socket);
        await socket.opened();
      }
      const since = own.logs.length;
      expect(await rawSocket(own, collabPath(workspaceId, 'conn'), { token }).refused()).toBe(429);
      await expect
        .poll(() => own.logs.slice(since).some((line) => line.msg === 'too many connections from one address; upgrade refused'), POLL)
        .toBe(true);
      sockets.shift()!.ws.close();
      await expect
        .poll(async () => {
          const next = rawSocket(own, collabPath(workspaceId, 'conn'), { token });
          sockets.push(next);
          return (await next.upgrade).kind;
        }, POLL)
        .toBe('open');
    } finally {
      for (const socket of sockets) socket.ws.terminate();
      await own.stop();
    }
  });

  it('MAX_DOCUMENTS_PER_WORKSPACE: a new document beyond it is refused at the upgrade (403) and by the API (409); existing ones still open', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const outcomes: (number | 'open')[] = [];
    for (let i = 0; i < 5; i++) {
      const socket = rawSocket(server, collabPath(workspaceId, `doc-${i}`), { token });
      const outcome = await socket.upgrade;
      outcomes.push(outcome.kind === 'open' ? 'open' : outcome.status);
      socket.ws.close();
    }
    const firstRefused = outcomes.indexOf(403);
    expect(firstRefused, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(0);
    expect(firstRefused).toBeLessThanOrEqual(3);
    expect(outcomes.slice(firstRefused).every((outcome) => outcome === 403), JSON.stringify(outcomes)).toBe(true);
    await expect
      .poll(() => server.logs.some((line) => line.msg === 'documents-per-workspace limit reached; upgrade for a new document refused'), POLL)
      .toBe(true);
    if (firstRefused > 0) expect(await rawSocket(server, collabPath(workspaceId, 'doc-0'), { token }).upgrade).toEqual({ kind: 'open' });

    const created = await apiRequest<{ error: string; message: string }>(server, 'POST', `/api/workspaces/${workspaceId}/documents`, {
      token,
      json: { workplaceId: 'werkplaats-1', kind: 'plan' },
    });
    expect(created.status).toBe(409);
    expect(created.body.error).toBe('document_limit_reached');
    expect(created.body.message).toMatch(/hoogste aantal documenten/);
  });

  it(`MAX_DOCUMENT_BYTES: a document that would grow past it refuses the update (${CloseCode.documentTooLarge}); nothing of it is stored or forwarded`, async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const reader = connectClient({ server, workspaceId, docId: 'groot', token });
    await reader.synced;
    const writer = await openRaw(workspaceId, 'groot', token);
    const since = server.logs.length;
    const source = new Y.Doc();
    source.clientID = 77;
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 8; i++) source.getText('t').insert(source.getText('t').length, String(i).repeat(1000));
    for (const update of updates) writer.ws.send(syncUpdateMessage(update));
    expect((await writer.closed).code).toBe(CloseCode.documentTooLarge);
    await expect.poll(() => logged('document size limit reached; update refused, closing connection', since), POLL).toBe(true);
    await expect.poll(() => reader.doc.getText('t').length, POLL).toBeGreaterThanOrEqual(3000);
    // What the server kept, as a new client gets it; the reader ends up with exactly that (an accepted
    // update may still be on its way to the reader when it first passes 3000).
    const fresh = connectClient({ server, workspaceId, docId: 'groot', token });
    await fresh.synced;
    const kept = fresh.doc.getText('t').toString();
    await expect.poll(() => reader.doc.getText('t').toString(), POLL).toBe(kept);
    expect(kept.length).toBeLessThanOrEqual(4000);
    expect(Y.encodeStateAsUpdate(fresh.doc).length).toBeLessThanOrEqual(4096);
    reader.destroy();
    fresh.destroy();
  });

  it('MAX_BODY_BYTES: a larger API body gets 413 with a readable message', async () => {
    const response = await apiRequest<{ error: string; message: string }>(server, 'POST', '/api/workspaces', {
      json: { name: 'x'.repeat(3000), member: { name: 'Anna', role: 'resident' } },
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'payload_too_large', message: 'Het verzoek is te groot.' });
  });

  it('INVITE_GUESSES_PER_MINUTE: after that many unknown codes from one address, invite routes answer 429, even for a real code', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const real = await invite(server, workspaceId, token, 'edit');
    for (let i = 0; i < 5; i++) {
      const path = i % 2 === 0 ? `/api/invites/geraden-${i}` : `/api/invites/geraden-${i}/accept`;
      const guess = await apiRequest(server, i % 2 === 0 ? 'GET' : 'POST', path, { json: i % 2 === 0 ? undefined : { name: 'Eve', role: 'other' } });
      expect(guess.status).toBe(404);
    }
    const since = server.logs.length;
    const refused = await apiRequest<{ error: string; message: string }>(server, 'GET', '/api/invites/geraden-6');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', message: 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.' });
    const english = await apiRequest<{ message: string }>(server, 'GET', `/api/invites/${real.code}`, { headers: { 'accept-language': 'en' } });
    expect(english.status).toBe(429);
    expect(english.body.message).toBe('Too many attempts. Wait a minute and try again.');
    await expect.poll(() => logged('too many unknown invite codes from one address; refused', since), POLL).toBe(true);
  });
});
