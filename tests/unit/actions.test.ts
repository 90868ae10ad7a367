/** The action list schema (shared/schema/actions.ts), "mijn acties", and the meeting summary. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actionsMap,
  addAction,
  addOwner,
  deleteAction,
  hideDone,
  isOverdue,
  myActions,
  readActionById,
  readActions,
  removeOwner,
  setActionText,
  setDone,
  setDue,
} from '../../shared/schema/actions.ts';
import { addDecision, readDecisions } from '../../shared/schema/decisions.ts';
import { meetingSummary } from '../../shared/schema/meetingSummary.ts';

const AT = '2026-11-25T10:00:00.000Z';

function list(): Y.Doc {
  const doc = new Y.Doc();
  addAction(doc, { id: 'a1', what: 'Offerte vragen bij de hovenier', owners: ['anja', 'bram'], due: '2026-12-01', createdBy: 'anja', at: AT, meetingDocId: 'm1' });
  addAction(doc, { id: 'a2', what: 'Flyer maken', owners: ['cor'], createdBy: 'cor', at: AT });
  return doc;
}

describe('action list schema', () => {
  it('reads back actions in order with their owners', () => {
    const doc = list();
    expect(readActions(doc)).toEqual([
      { id: 'a1', what: 'Offerte vragen bij de hovenier', owners: ['anja', 'bram'], due: '2026-12-01', done: false, createdBy: 'anja', createdAt: AT, meetingDocId: 'm1', order: 0 },
      { id: 'a2', what: 'Flyer maken', owners: ['cor'], done: false, createdBy: 'cor', createdAt: AT, order: 1 },
    ]);
  });

  it('refuses a taken id and a malformed due date', () => {
    const doc = list();
    expect(addAction(doc, { id: 'a1', what: 'x', owners: [], createdBy: 'anja', at: AT })).toBe(false);
    expect(addAction(doc, { id: 'a3', what: 'x', owners: [], due: '1 december', createdBy: 'anja', at: AT })).toBe(false);
    expect(setDue(doc, 'a1', '2026-1-1')).toBe(false);
    expect(readActions(doc)).toHaveLength(2);
  });

  it('adds and removes owners, changes text and due date, marks done and undone', () => {
    const doc = list();
    expect(addOwner(doc, 'a2', 'anja')).toBe(true);
    expect(removeOwner(doc, 'a2', 'cor')).toBe(true);
    expect(removeOwner(doc, 'a2', 'cor')).toBe(false);
    expect(setActionText(doc, 'a2', '  Flyer maken en rondbrengen ')).toBe(true);
    expect(setDue(doc, 'a2', '2026-12-10')).toBe(true);
    expect(setDone(doc, 'a2', true, 'anja', AT)).toBe(true);
    expect(readActionById(doc, 'a2')).toMatchObject({ what: 'Flyer maken en rondbrengen', owners: ['anja'], due: '2026-12-10', done: true, doneBy: 'anja', doneAt: AT });
    setDone(doc, 'a2', false, 'anja', AT);
    const undone = readActionById(doc, 'a2')!;
    expect(undone.done).toBe(false);
    expect(undone.doneBy).toBeUndefined();
    expect(setDue(doc, 'a2', null)).toBe(true);
    expect(readActionById(doc, 'a2')!.due).toBeUndefined();
    expect(deleteAction(doc, 'a2')).toBe(true);
    expect(deleteAction(doc, 'a2')).toBe(false);
  });

  it('an action is overdue after its due date, never when done or without a date', () => {
    const doc = list();
    const [a1, a2] = readActions(doc);
    expect(isOverdue(a1!, '2026-12-01')).toBe(false);
    expect(isOverdue(a1!, '2026-12-02')).toBe(true);
    expect(isOverdue(a2!, '2099-01-01')).toBe(false);
    setDone(doc, 'a1', true, 'bram', AT);
    expect(isOverdue(readActionById(doc, 'a1')!, '2026-12-02')).toBe(false);
    expect(hideDone(readActions(doc)).map((a) => a.id)).toEqual(['a2']);
  });

  it('"mijn acties" gathers one member\'s actions across workplaces: open first, then by due date', () => {
    const w1 = list();
    const w2 = new Y.Doc();
    addAction(w2, { id: 'b1', what: 'Zaal huren', owners: ['bram'], due: '2026-11-30', createdBy: 'bram', at: AT });
    addAction(w2, { id: 'b2', what: 'Verslag rondsturen', owners: ['bram'], createdBy: 'bram', at: AT });
    addAction(w2, { id: 'b3', what: 'Sleutel ophalen', owners: ['bram'], due: '2026-11-01', createdBy: 'bram', at: AT });
    setDone(w2, 'b3', true, 'bram', AT);
    const lists = [
      { workplaceId: 'w1', actions: readActions(w1) },
      { workplaceId: 'w2', actions: readActions(w2) },
    ];
    expect(myActions(lists, 'bram').map((a) => [a.workplaceId, a.id])).toEqual([
      ['w2', 'b1'],
      ['w1', 'a1'],
      ['w2', 'b2'],
      ['w2', 'b3'],
    ]);
    expect(myActions(lists, 'bram', { hideDone: true }).map((a) => a.id)).toEqual(['b1', 'a1', 'b2']);
    expect(myActions(lists, 'niemand')).toEqual([]);
  });

  it('reads bad values from an old or hostile client as safe defaults', () => {
    const doc = new Y.Doc();
    actionsMap(doc).set('junk', 12);
    const map = new Y.Map<unknown>();
    actionsMap(doc).set('a1', map);
    map.set('what', ['array']);
    map.set('owners', ['anja']);
    map.set('due', 'volgende week');
    map.set('done', 'yes');
    map.set('doneBy', 'anja');
    const owners = new Y.Map<unknown>();
    const other = new Y.Map<unknown>();
    actionsMap(doc).set('a2', other);
    other.set('owners', owners);
    owners.set('anja', true);
    owners.set('bram', 'true');
    expect(readActions(doc)).toEqual([
      { id: 'a1', what: '', owners: [], done: false, createdBy: '', createdAt: '', order: 0 },
      { id: 'a2', what: '', owners: ['anja'], done: false, createdBy: '', createdAt: '', order: 0 },
    ]);
  });

  it('the meeting summary holds the decisions and actions from that meeting only', () => {
    const actions = list();
    const decisions = new Y.Doc();
    addDecision(decisions, { id: 'd1', title: 'Hovenier inhuren', proposedBy: 'anja', at: AT, meetingDocId: 'm1' });
    addDecision(decisions, { id: 'd2', title: 'Iets anders', proposedBy: 'anja', at: AT, meetingDocId: 'm2' });
    const summary = meetingSummary('m1', readDecisions(decisions), readActions(actions));
    expect(summary.decisions.map((d) => d.id)).toEqual(['d1']);
    expect(summary.actions.map((a) => a.id)).toEqual(['a1']);
  });
});
