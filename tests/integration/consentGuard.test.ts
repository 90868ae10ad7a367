/**
 * One member, one voice against a modified client, through the real server: a
 * stock y-websocket client whose code writes another member's consent response
 * is closed (4400), the server logs why, and nothing of it is stored or
 * forwarded; every other connection goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { addDecision, decisionsMap, readDecisionById, respond, responseKey } from '../../shared/schema/decisions.ts';
import { decisionsDocId } from '../../shared/schema/listDocuments.ts';
import { addMember, connectClient, createWorkspace, POLL, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import type * as Y from 'yjs';

const AT = '2026-11-25T10:00:00.000Z';

describe('consent guard through the real server', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { ROOM_UNLOAD_AFTER_MS: '300', LOG_LEVEL: 'debug' } });
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.stop();
  });

  function open(workspaceId: string, docId: string, token: string): CollabClient {
    const client = connectClient({ server, workspaceId, docId, token });
    clients.push(client);
    return client;
  }

  function responsesOf(doc: Y.Doc): Y.Map<unknown> {
    return (decisionsMap(doc).get('d1') as Y.Map<unknown>).get('responses') as Y.Map<unknown>;
  }

  it('refuses a response written under another member\'s key and keeps the real one', async () => {
    const anja = await createWorkspace(server, 'Westenwind', { name: 'Anja', role: 'resident' });
    const bram = await addMember(server, anja.workspaceId, anja.token, 'edit', { name: 'Bram', role: 'professional' });
    const docId = decisionsDocId(newId())!;
    const anjaClient = open(anja.workspaceId, docId, anja.token);
    const bramClient = open(anja.workspaceId, docId, bram.token);
    await Promise.all([anjaClient.synced, bramClient.synced]);

    addDecision(anjaClient.doc, { id: 'd1', title: 'Vijver schoonmaken', proposedBy: anja.memberId, at: AT });
    await expect.poll(() => readDecisionById(bramClient.doc, 'd1') !== null, POLL).toBe(true);
    respond(bramClient.doc, 'd1', bram.memberId, 'bezwaar', 'Broedtijd', AT);
    await expect.poll(() => readDecisionById(anjaClient.doc, 'd1')?.responses.length, POLL).toBe(1);

    // Anja's second tab runs modified code: it turns Bram's objection into agreement.
    const forger = open(anja.workspaceId, docId, anja.token);
    await forger.synced;
    respond(forger.doc, 'd1', bram.memberId, 'eens', '', AT);
    await expect.poll(() => forger.closes.map((c) => c.code), POLL).toContain(CloseCode.badMessage);
    await expect
      .poll(() => server.logs.find((line) => line.msg === 'consent data of another member refused; closing connection'), POLL)
      .toMatchObject({ member: anja.memberId, reason: 'response-of-other-member', room: `${anja.workspaceId}/${docId}` });

    // The other connections go on, and never saw the forged answer.
    respond(anjaClient.doc, 'd1', anja.memberId, 'eens', '', AT);
    await expect.poll(() => readDecisionById(bramClient.doc, 'd1')?.responses.length, POLL).toBe(2);
    expect(responsesOf(bramClient.doc).get(responseKey(bram.memberId, 1))).toMatchObject({ kind: 'bezwaar', note: 'Broedtijd' });
    expect(responsesOf(anjaClient.doc).get(responseKey(bram.memberId, 1))).toMatchObject({ kind: 'bezwaar' });

    expect(anjaClient.closes).toEqual([]);
    expect(bramClient.closes).toEqual([]);

    // Nothing of it was stored: once the room is unloaded, a fresh client reads Bram's own answer from storage.
    const room = `${anja.workspaceId}/${docId}`;
    for (const client of [anjaClient, bramClient, forger]) client.destroy();
    await expect.poll(() => server.logs.some((line) => line.msg === 'room unloaded' && line.room === room), POLL).toBe(true);
    const fresh = open(anja.workspaceId, docId, bram.token);
    await fresh.synced;
    expect(server.logs.filter((line) => line.msg === 'room loaded' && line.room === room)).toHaveLength(2);
    expect(responsesOf(fresh.doc).get(responseKey(bram.memberId, 1))).toMatchObject({ kind: 'bezwaar', note: 'Broedtijd' });
    expect(readDecisionById(fresh.doc, 'd1')!.responses).toHaveLength(2);
  });

  it('refuses deleting someone else\'s response and leaves plans alone', async () => {
    const anja = await createWorkspace(server, 'Zuilen', { name: 'Anja', role: 'resident' });
    const bram = await addMember(server, anja.workspaceId, anja.token, 'edit', { name: 'Bram', role: 'professional' });
    const docId = decisionsDocId(newId())!;
    const bramClient = open(anja.workspaceId, docId, bram.token);
    await bramClient.synced;
    addDecision(bramClient.doc, { id: 'd1', title: 'Buurtkamer open', proposedBy: bram.memberId, at: AT });
    respond(bramClient.doc, 'd1', bram.memberId, 'bezwaar', 'Geen sleutel', AT);

    const forger = open(anja.workspaceId, docId, anja.token);
    await forger.synced;
    await expect.poll(() => readDecisionById(forger.doc, 'd1')?.responses.length, POLL).toBe(1);
    responsesOf(forger.doc).delete(responseKey(bram.memberId, 1));
    await expect.poll(() => forger.closes.map((c) => c.code), POLL).toContain(CloseCode.badMessage);
    expect(readDecisionById(bramClient.doc, 'd1')!.responses).toHaveLength(1);

    // The same map layout in a document that is not a decision list is nobody's consent: no guard.
    const plan = open(anja.workspaceId, newId(), anja.token);
    const planPeer = open(anja.workspaceId, plan.provider.roomname.split('/')[1]!, bram.token);
    await Promise.all([plan.synced, planPeer.synced]);
    addDecision(plan.doc, { id: 'd1', title: 'x', proposedBy: anja.memberId, at: AT });
    respond(plan.doc, 'd1', bram.memberId, 'eens', '', AT);
    await expect.poll(() => readDecisionById(planPeer.doc, 'd1')?.responses.length, POLL).toBe(1);
    expect(plan.closes).toEqual([]);
  });
});
