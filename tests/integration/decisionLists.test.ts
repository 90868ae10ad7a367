/**
 * The concurrent cases of the decision and action lists (docs/decisions.md),
 * each played by two or three members whose stock y-websocket clients meet
 * only through the real server. "At once" means: every client makes its change
 * in the same tick, before any of them has received the others' updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberView, WorkspaceView } from '../../shared/api.ts';
import { newId } from '../../shared/ids.ts';
import { addAction, addOwner, isOverdue, readActionById, setDone, setDue } from '../../shared/schema/actions.ts';
import { canTake, consentSummary, decisionState } from '../../shared/schema/consent.ts';
import {
  addDecision,
  readDecisionById,
  readDecisions,
  rejectDecision,
  respond,
  reviseProposal,
  takeDecision,
  type DecisionView,
} from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId, ensureListEntries } from '../../shared/schema/listDocuments.ts';
import { readDocuments, readWorkplaces } from '../../shared/schema/workspaceIndex.ts';
import { addMember, apiRequest, connectClient, createWorkspace, POLL, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const AT = '2026-11-25T10:00:00.000Z';
const TODAY = '2026-11-25';

interface Person {
  memberId: string;
  token: string;
}

interface Meeting {
  workspaceId: string;
  anja: Person;
  bram: Person;
  cor: Person;
}

describe('decision and action lists through the real server', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.stop();
  });

  async function meeting(): Promise<Meeting> {
    const founder = await createWorkspace(server, 'Westenwind', { name: 'Anja', role: 'resident' });
    const bram = await addMember(server, founder.workspaceId, founder.token, 'edit', { name: 'Bram', role: 'professional' });
    const cor = await addMember(server, founder.workspaceId, founder.token, 'edit', { name: 'Cor', role: 'resident' });
    return { workspaceId: founder.workspaceId, anja: founder, bram, cor };
  }

  async function open(workspaceId: string, docId: string, person: Person): Promise<CollabClient> {
    const client = connectClient({ server, workspaceId, docId, token: person.token });
    clients.push(client);
    await client.synced;
    return client;
  }

  async function members(workspaceId: string, person: Person): Promise<MemberView[]> {
    const response = await apiRequest<WorkspaceView>(server, 'GET', `/api/workspaces/${workspaceId}`, { token: person.token });
    expect(response.status).toBe(200);
    return response.body.members;
  }

  /** Waits until every client holds the same document, then returns what they hold. */
  async function converged(all: CollabClient[], id: string): Promise<DecisionView> {
    await expect
      .poll(() => new Set(all.map((c) => JSON.stringify(readDecisionById(c.doc, id)))).size, POLL)
      .toBe(1);
    return readDecisionById(all[0]!.doc, id)!;
  }

  async function withProposal(m: Meeting, people: Person[]): Promise<CollabClient[]> {
    const docId = decisionsDocId(newId())!;
    const all = await Promise.all(people.map((person) => open(m.workspaceId, docId, person)));
    addDecision(all[0]!.doc, { id: 'd1', title: 'Trapveldje opknappen', proposedBy: people[0]!.memberId, at: AT });
    await expect.poll(() => all.every((c) => readDecisionById(c.doc, 'd1') !== null), POLL).toBe(true);
    return all;
  }

  it('two people set different statuses at once: every copy ends with the same one, and history keeps both', async () => {
    const m = await meeting();
    const [anja, bram] = await withProposal(m, [m.anja, m.bram]);
    respond(anja!.doc, 'd1', m.anja.memberId, 'eens', '', AT);
    await converged([anja!, bram!], 'd1');

    takeDecision(anja!.doc, 'd1', m.anja.memberId, AT, TODAY);
    rejectDecision(bram!.doc, 'd1', m.bram.memberId, AT);
    const merged = await converged([anja!, bram!], 'd1');

    expect(['genomen', 'verworpen']).toContain(merged.status);
    const statusChanges = merged.history.filter((h) => h.field === 'status').map((h) => [h.by, h.value]);
    expect(statusChanges).toEqual(
      expect.arrayContaining([
        [m.anja.memberId, 'genomen'],
        [m.bram.memberId, 'verworpen'],
      ]),
    );
  });

  it('"genomen" set at the same moment as a new objection shows as "bezwaar na besluit" for all three', async () => {
    const m = await meeting();
    const all = await withProposal(m, [m.anja, m.bram, m.cor]);
    const [anja, bram, cor] = all;
    respond(bram!.doc, 'd1', m.bram.memberId, 'eens', '', AT);
    await converged(all, 'd1');
    const list = await members(m.workspaceId, m.anja);
    expect(canTake(readDecisionById(anja!.doc, 'd1')!, list)).toBe(true);

    takeDecision(anja!.doc, 'd1', m.anja.memberId, AT, TODAY);
    respond(cor!.doc, 'd1', m.cor.memberId, 'bezwaar', 'Eerst de buren vragen', AT);
    const merged = await converged(all, 'd1');

    expect(merged.status).toBe('genomen');
    for (const client of all) {
      expect(decisionState(readDecisionById(client.doc, 'd1')!, list)).toEqual({
        status: 'genomen',
        problem: 'bezwaar-na-besluit',
        canTake: false,
      });
    }
  });

  it('a response that arrives while the proposal changes counts for the old text: that member is asked again', async () => {
    const m = await meeting();
    const all = await withProposal(m, [m.anja, m.bram, m.cor]);
    const [anja, bram] = all;

    reviseProposal(anja!.doc, 'd1', { title: 'Trapveldje opknappen, met de buren' }, m.anja.memberId, AT);
    respond(bram!.doc, 'd1', m.bram.memberId, 'eens', '', AT);
    const merged = await converged(all, 'd1');

    expect(merged.round).toBe(2);
    expect(merged.title).toBe('Trapveldje opknappen, met de buren');
    expect(merged.responses).toEqual([expect.objectContaining({ memberId: m.bram.memberId, round: 1, kind: 'eens' })]);
    const summary = consentSummary(merged, await members(m.workspaceId, m.anja));
    expect(summary.agreed).toEqual([]);
    expect(summary.pending.map((p) => p.id).sort()).toEqual([m.anja.memberId, m.bram.memberId, m.cor.memberId].sort());
  });

  it('"genomen" set at the same moment as a change to the proposal shows as "gewijzigd na besluit"', async () => {
    const m = await meeting();
    const all = await withProposal(m, [m.anja, m.bram]);
    const [anja, bram] = all;
    respond(bram!.doc, 'd1', m.bram.memberId, 'eens', '', AT);
    await converged(all, 'd1');

    takeDecision(anja!.doc, 'd1', m.anja.memberId, AT, TODAY);
    reviseProposal(bram!.doc, 'd1', { title: 'Trapveldje opknappen, maar later' }, m.bram.memberId, AT);
    const merged = await converged(all, 'd1');

    expect(merged).toMatchObject({ status: 'genomen', decidedRound: 1, round: 2, title: 'Trapveldje opknappen, maar later' });
    expect(decisionState(merged, await members(m.workspaceId, m.anja))).toEqual({
      status: 'genomen',
      problem: 'gewijzigd-na-besluit',
      canTake: false,
    });
  });

  it('two people who change the proposal at once start one new round, not two', async () => {
    const m = await meeting();
    const all = await withProposal(m, [m.anja, m.bram, m.cor]);
    const [anja, bram, cor] = all;

    reviseProposal(anja!.doc, 'd1', { title: 'Versie van Anja' }, m.anja.memberId, AT);
    reviseProposal(bram!.doc, 'd1', {}, m.bram.memberId, AT);
    respond(cor!.doc, 'd1', m.cor.memberId, 'bezwaar', 'Te snel', AT);
    const merged = await converged(all, 'd1');

    expect(merged.round).toBe(2);
    expect(merged.title).toBe('Versie van Anja');
    respond(cor!.doc, 'd1', m.cor.memberId, 'eens', '', AT);
    respond(anja!.doc, 'd1', m.anja.memberId, 'bedenkingen', 'Wel op tijd beginnen', AT);
    const next = await converged(all, 'd1');
    expect(next.responses.filter((r) => r.round === 2).map((r) => r.kind).sort()).toEqual(['bedenkingen', 'eens']);
    expect(canTake(next, await members(m.workspaceId, m.anja))).toBe(true);
  });

  it('a member removed mid-round: their objection stops counting and their connection closes', async () => {
    const m = await meeting();
    const all = await withProposal(m, [m.anja, m.bram, m.cor]);
    const [anja, bram] = all;
    respond(anja!.doc, 'd1', m.anja.memberId, 'eens', '', AT);
    respond(bram!.doc, 'd1', m.bram.memberId, 'bezwaar', 'Niet met mij', AT);
    const before = await converged(all, 'd1');
    expect(canTake(before, await members(m.workspaceId, m.anja))).toBe(false);

    const removed = await apiRequest(server, 'DELETE', `/api/workspaces/${m.workspaceId}/members/${m.bram.memberId}`, { token: m.anja.token });
    expect(removed.status).toBe(204);
    await expect.poll(() => bram!.closes.length, POLL).toBeGreaterThan(0);

    const list = await members(m.workspaceId, m.anja);
    expect(list.map((p) => p.id)).not.toContain(m.bram.memberId);
    const after = readDecisionById(anja!.doc, 'd1')!;
    const summary = consentSummary(after, list);
    expect(summary.objections).toEqual([]);
    expect(summary.ignored.map((r) => r.memberId)).toEqual([m.bram.memberId]);
    expect(canTake(after, list)).toBe(true);
  });

  it('two people add an owner to the same action at once: both owners stay', async () => {
    const m = await meeting();
    const docId = actionsDocId(newId())!;
    const all = await Promise.all([m.anja, m.bram, m.cor].map((p) => open(m.workspaceId, docId, p)));
    const [anja, bram, cor] = all;
    addAction(anja!.doc, { id: 'a1', what: 'Offerte vragen', owners: [m.anja.memberId], createdBy: m.anja.memberId, at: AT });
    await expect.poll(() => all.every((c) => readActionById(c.doc, 'a1') !== null), POLL).toBe(true);

    addOwner(bram!.doc, 'a1', m.bram.memberId);
    addOwner(cor!.doc, 'a1', m.cor.memberId);
    await expect
      .poll(() => new Set(all.map((c) => JSON.stringify(readActionById(c.doc, 'a1')))).size, POLL)
      .toBe(1);
    expect(readActionById(anja!.doc, 'a1')!.owners).toEqual([m.anja.memberId, m.bram.memberId, m.cor.memberId].sort());
  });

  it('an action marked done while its due date changes keeps both, and is not overdue', async () => {
    const m = await meeting();
    const docId = actionsDocId(newId())!;
    const [anja, bram] = await Promise.all([m.anja, m.bram].map((p) => open(m.workspaceId, docId, p)));
    addAction(anja!.doc, { id: 'a1', what: 'Zaal huren', owners: [m.bram.memberId], due: '2026-11-20', createdBy: m.anja.memberId, at: AT });
    await expect.poll(() => readActionById(bram!.doc, 'a1') !== null, POLL).toBe(true);

    setDone(bram!.doc, 'a1', true, m.bram.memberId, AT);
    setDue(anja!.doc, 'a1', '2026-12-15');
    await expect
      .poll(() => JSON.stringify(readActionById(anja!.doc, 'a1')) === JSON.stringify(readActionById(bram!.doc, 'a1')), POLL)
      .toBe(true);
    const merged = readActionById(anja!.doc, 'a1')!;
    expect(merged).toMatchObject({ done: true, doneBy: m.bram.memberId, due: '2026-12-15' });
    expect(isOverdue(merged, '2027-01-01')).toBe(false);
  });

  it('two people opening a workplace at once list one decision list and one action list', async () => {
    const m = await meeting();
    const [anja, bram] = await Promise.all([m.anja, m.bram].map((p) => open(m.workspaceId, 'index', p)));
    const workplaceId = readWorkplaces(anja!.doc)[0]!.id;

    ensureListEntries(anja!.doc, workplaceId, { decisions: 'Besluitenlijst', actions: 'Actielijst' }, AT);
    ensureListEntries(bram!.doc, workplaceId, { decisions: 'Besluitenlijst', actions: 'Actielijst' }, AT);
    const kinds = (doc: Y.Doc): string[] => readDocuments(doc, workplaceId).map((d) => `${d.kind}:${d.id}`).sort();
    await expect.poll(() => JSON.stringify(kinds(anja!.doc)) === JSON.stringify(kinds(bram!.doc)), POLL).toBe(true);
    const lists = kinds(anja!.doc).filter((k) => k.startsWith('decisions:') || k.startsWith('actions:'));
    expect(lists).toEqual([`actions:${actionsDocId(workplaceId)}`, `decisions:${decisionsDocId(workplaceId)}`]);

    // The list itself is one document for everyone: what one adds, the other sees.
    const [anjaList, bramList] = await Promise.all([m.anja, m.bram].map((p) => open(m.workspaceId, decisionsDocId(workplaceId)!, p)));
    addDecision(anjaList!.doc, { id: newId(), title: 'Koffie voor iedereen', proposedBy: m.anja.memberId, at: AT });
    await expect.poll(() => readDecisions(bramList!.doc).map((d) => d.title), POLL).toEqual(['Koffie voor iedereen']);
  });
});
