/** The consent rules (shared/schema/consent.ts) on decisions built with the real schema writers. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  canRespond,
  canTake,
  canWithdraw,
  consentSummary,
  decisionState,
  openObjections,
  ownResponse,
  reviewDue,
  takeBlocker,
  type ConsentMember,
} from '../../shared/schema/consent.ts';
import {
  addDecision,
  readDecisionById,
  readDecisions,
  rejectDecision,
  respond,
  reviseProposal,
  setReviewDate,
  startReview,
  takeDecision,
  withdrawObjection,
  type DecisionView,
} from '../../shared/schema/decisions.ts';
import { filterDecisions } from '../../shared/schema/decisionFilters.ts';

const AT = '2026-11-25T10:00:00.000Z';
const TODAY = '2026-11-25';
const MEMBERS: ConsentMember[] = [
  { id: 'anja', name: 'Anja', access: 'edit' },
  { id: 'bram', name: 'Bram', access: 'edit' },
  { id: 'cor', name: 'Cor', access: 'edit' },
  { id: 'vera', name: 'Vera (gemeente)', access: 'view' },
];

function proposal(): Y.Doc {
  const doc = new Y.Doc();
  addDecision(doc, { id: 'd1', title: 'Buurtkamer elke dinsdag open', proposedBy: 'anja', at: AT });
  return doc;
}

function read(doc: Y.Doc): DecisionView {
  return readDecisionById(doc, 'd1')!;
}

describe('consent rules', () => {
  it('asks every member with edit access and shows who has not responded yet', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    respond(doc, 'd1', 'bram', 'bedenkingen', 'Wie doet de sleutel?', AT);
    const summary = consentSummary(read(doc), MEMBERS);
    expect(summary.eligible.map((m) => m.id)).toEqual(['anja', 'bram', 'cor']);
    expect(summary.agreed.map((r) => r.memberId)).toEqual(['anja']);
    expect(summary.concerns.map((r) => [r.memberId, r.note])).toEqual([['bram', 'Wie doet de sleutel?']]);
    expect(summary.pending.map((m) => m.id)).toEqual(['cor']);
    expect(summary.objections).toEqual([]);
  });

  it('cannot take a decision that nobody agreed to yet', () => {
    expect(canTake(read(proposal()), MEMBERS)).toBe(false);
  });

  it('can take a decision with agreement and no open objection, even before everyone answered', () => {
    const doc = proposal();
    respond(doc, 'd1', 'bram', 'bedenkingen', 'Alleen als er koffie is', AT);
    expect(canTake(read(doc), MEMBERS)).toBe(true);
  });

  it('an open objection blocks taking until its author withdraws it', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    respond(doc, 'd1', 'cor', 'bezwaar', 'Dinsdag is de markt', AT);
    expect(canTake(read(doc), MEMBERS)).toBe(false);
    expect(openObjections(read(doc), MEMBERS).map((r) => r.memberId)).toEqual(['cor']);
    expect(canWithdraw(read(doc), 'anja')).toBe(false);
    expect(canWithdraw(read(doc), 'cor')).toBe(true);
    withdrawObjection(doc, 'd1', 'cor', AT);
    expect(canWithdraw(read(doc), 'cor')).toBe(false);
    expect(consentSummary(read(doc), MEMBERS).withdrawn.map((r) => r.memberId)).toEqual(['cor']);
    expect(canTake(read(doc), MEMBERS)).toBe(true);
  });

  it('changing the proposal answers an objection and asks everyone again', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    respond(doc, 'd1', 'cor', 'bezwaar', 'Dinsdag is de markt', AT);
    reviseProposal(doc, 'd1', { title: 'Buurtkamer elke woensdag open' }, 'anja', AT);
    const summary = consentSummary(read(doc), MEMBERS);
    expect(summary.round).toBe(2);
    expect(summary.objections).toEqual([]);
    expect(summary.agreed).toEqual([]);
    expect(summary.pending.map((m) => m.id)).toEqual(['anja', 'bram', 'cor']);
    expect(canTake(read(doc), MEMBERS)).toBe(false);
    expect(ownResponse(read(doc), 'cor')).toBeUndefined();
    respond(doc, 'd1', 'cor', 'eens', '', AT);
    expect(canTake(read(doc), MEMBERS)).toBe(true);
  });

  it('says why a decision cannot be taken', () => {
    const doc = proposal();
    expect(takeBlocker(read(doc), MEMBERS)).toBe('no-agreement');
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    respond(doc, 'd1', 'cor', 'bezwaar', 'Nee', AT);
    expect(takeBlocker(read(doc), MEMBERS)).toBe('open-objection');
    withdrawObjection(doc, 'd1', 'cor', AT);
    expect(takeBlocker(read(doc), MEMBERS)).toBeNull();
    takeDecision(doc, 'd1', 'anja', AT, TODAY);
    expect(takeBlocker(read(doc), MEMBERS)).toBe('not-open');
  });

  it('one member, one voice: responses of view-only and former members are shown apart and not counted', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    respond(doc, 'd1', 'vera', 'bezwaar', 'De gemeente wil dit niet', AT);
    respond(doc, 'd1', 'oud-lid', 'bezwaar', 'Ik ben weg', AT);
    const summary = consentSummary(read(doc), MEMBERS);
    expect(summary.objections).toEqual([]);
    expect(summary.ignored.map((r) => r.memberId).sort()).toEqual(['oud-lid', 'vera']);
    expect(summary.pending.map((m) => m.id)).toEqual(['bram', 'cor']);
    expect(canTake(read(doc), MEMBERS)).toBe(true);
    expect(canRespond(read(doc), MEMBERS[3])).toBe(false);
    expect(canRespond(read(doc), undefined)).toBe(false);
    expect(canRespond(read(doc), MEMBERS[1])).toBe(true);
  });

  it('a member removed mid-round no longer blocks with an objection', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    respond(doc, 'd1', 'bram', 'bezwaar', 'Nee', AT);
    expect(canTake(read(doc), MEMBERS)).toBe(false);
    const withoutBram = MEMBERS.filter((m) => m.id !== 'bram');
    expect(canTake(read(doc), withoutBram)).toBe(true);
  });

  it('only a proposal or a decision under review can be taken', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    takeDecision(doc, 'd1', 'anja', AT, TODAY);
    expect(canTake(read(doc), MEMBERS)).toBe(false);
    startReview(doc, 'd1', 'anja', AT);
    respond(doc, 'd1', 'bram', 'eens', '', AT);
    expect(canTake(read(doc), MEMBERS)).toBe(true);
    rejectDecision(doc, 'd1', 'bram', AT);
    expect(canTake(read(doc), MEMBERS)).toBe(false);
    expect(canRespond(read(doc), MEMBERS[0])).toBe(false);
  });

  it('shows a taken decision with an objection in its round as "bezwaar na besluit"', () => {
    const doc = proposal();
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    takeDecision(doc, 'd1', 'anja', AT, TODAY);
    expect(decisionState(read(doc), MEMBERS)).toEqual({ status: 'genomen', canTake: false });
    respond(doc, 'd1', 'cor', 'bezwaar', 'Ik was er niet bij', AT);
    expect(decisionState(read(doc), MEMBERS)).toEqual({ status: 'genomen', problem: 'bezwaar-na-besluit', canTake: false });
    withdrawObjection(doc, 'd1', 'cor', AT);
    expect(decisionState(read(doc), MEMBERS).problem).toBeUndefined();
  });

  it('reports a review that is due only for taken decisions on or after the date', () => {
    const doc = proposal();
    setReviewDate(doc, 'd1', TODAY, 'anja', AT);
    expect(reviewDue(read(doc), TODAY)).toBe(false);
    respond(doc, 'd1', 'anja', 'eens', '', AT);
    takeDecision(doc, 'd1', 'anja', AT, '2026-01-01');
    expect(reviewDue(read(doc), '2026-11-24')).toBe(false);
    expect(reviewDue(read(doc), TODAY)).toBe(true);
    expect(reviewDue(read(doc), '2027-01-01')).toBe(true);
  });
});

describe('workspace-wide decision view', () => {
  it('filters by workplace, status, date and review due, newest first', () => {
    const w1 = new Y.Doc();
    addDecision(w1, { id: 'a', title: 'Oud voorstel', proposedBy: 'anja', at: '2026-01-10T09:00:00.000Z' });
    addDecision(w1, { id: 'b', title: 'Genomen', proposedBy: 'anja', at: '2026-02-01T09:00:00.000Z' });
    respond(w1, 'b', 'anja', 'eens', '', AT);
    takeDecision(w1, 'b', 'anja', AT, '2026-03-01');
    setReviewDate(w1, 'b', '2026-09-01', 'anja', AT);
    const w2 = new Y.Doc();
    addDecision(w2, { id: 'c', title: 'Elders', proposedBy: 'bram', at: '2026-05-05T09:00:00.000Z' });
    const rows = [
      ...readDecisions(w1).map((decision) => ({ workplaceId: 'w1', decision })),
      ...readDecisions(w2).map((decision) => ({ workplaceId: 'w2', decision })),
    ];
    const ids = (filter: Parameters<typeof filterDecisions>[1]): string[] => filterDecisions(rows, filter).map((r) => r.decision.id);
    expect(ids({ today: TODAY })).toEqual(['c', 'b', 'a']);
    expect(ids({ today: TODAY, workplaceId: 'w1' })).toEqual(['b', 'a']);
    expect(ids({ today: TODAY, status: 'genomen' })).toEqual(['b']);
    expect(ids({ today: TODAY, from: '2026-02-15', to: '2026-04-01' })).toEqual(['b']);
    expect(ids({ today: TODAY, reviewDue: true })).toEqual(['b']);
    expect(ids({ today: '2026-08-31', reviewDue: true })).toEqual([]);
  });
});
