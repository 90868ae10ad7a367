/** The decision list schema (shared/schema/decisions.ts): accessors, validation of what is read, history. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDecision,
  decisionsMap,
  explanationFragment,
  fragmentText,
  parseResponseKey,
  readDecisionById,
  readDecisions,
  rejectDecision,
  respond,
  responseKey,
  reviseProposal,
  setDecisionMeeting,
  setReviewDate,
  startReview,
  takeDecision,
  withdrawObjection,
} from '../../shared/schema/decisions.ts';

const AT = '2026-11-25T10:00:00.000Z';
const LATER = '2026-11-25T10:05:00.000Z';

function withProposal(): Y.Doc {
  const doc = new Y.Doc();
  addDecision(doc, {
    id: 'd1',
    title: 'We knappen het trapveldje aan de Kerkstraat op',
    explanation: 'Eerst vragen we de buren wat zij willen.\nDaarna vragen we subsidie aan.',
    proposedBy: 'anja',
    at: AT,
    meetingDocId: 'm1',
  });
  return doc;
}

describe('decision list schema', () => {
  it('reads back a new proposal with its explanation, first round and history', () => {
    const doc = withProposal();
    const decision = readDecisionById(doc, 'd1')!;
    expect(decision).toMatchObject({
      id: 'd1',
      title: 'We knappen het trapveldje aan de Kerkstraat op',
      explanationText: 'Eerst vragen we de buren wat zij willen.\nDaarna vragen we subsidie aan.',
      proposedBy: 'anja',
      createdAt: AT,
      status: 'voorstel',
      round: 1,
      meetingDocId: 'm1',
      responses: [],
    });
    expect(decision.rounds).toEqual([{ round: 1, at: AT, by: 'anja' }]);
    expect(decision.history).toEqual([{ at: AT, by: 'anja', field: 'created', value: decision.title }]);
    expect(explanationFragment(doc, 'd1')).toBeInstanceOf(Y.XmlFragment);
  });

  it('refuses a second decision with the same id and orders new ones last', () => {
    const doc = withProposal();
    expect(addDecision(doc, { id: 'd1', title: 'Anders', proposedBy: 'bram', at: AT })).toBe(false);
    expect(addDecision(doc, { id: 'd0', title: 'Tweede', proposedBy: 'bram', at: LATER })).toBe(true);
    expect(readDecisions(doc).map((d) => d.id)).toEqual(['d1', 'd0']);
  });

  it('keeps one response per member per round, replacing an earlier one', () => {
    const doc = withProposal();
    expect(respond(doc, 'd1', 'bram', 'eens', '', AT)).toBe(true);
    expect(respond(doc, 'd1', 'bram', 'bedenkingen', 'Let op de kosten', LATER)).toBe(true);
    const { responses } = readDecisionById(doc, 'd1')!;
    expect(responses).toEqual([{ memberId: 'bram', round: 1, kind: 'bedenkingen', note: 'Let op de kosten', at: LATER }]);
  });

  it('requires a note with concerns and with an objection', () => {
    const doc = withProposal();
    expect(respond(doc, 'd1', 'bram', 'bezwaar', '   ', AT)).toBe(false);
    expect(respond(doc, 'd1', 'bram', 'bedenkingen', '', AT)).toBe(false);
    expect(readDecisionById(doc, 'd1')!.responses).toEqual([]);
  });

  it('lets only the author withdraw an open objection, once', () => {
    const doc = withProposal();
    respond(doc, 'd1', 'bram', 'bezwaar', 'Te duur', AT);
    expect(withdrawObjection(doc, 'd1', 'anja', LATER)).toBe(false);
    expect(withdrawObjection(doc, 'd1', 'bram', LATER)).toBe(true);
    expect(withdrawObjection(doc, 'd1', 'bram', LATER)).toBe(false);
    expect(readDecisionById(doc, 'd1')!.responses[0]).toMatchObject({ kind: 'bezwaar', note: 'Te duur', withdrawnAt: LATER });
  });

  it('starts a new round when the proposal changes; earlier responses stay in their round', () => {
    const doc = withProposal();
    respond(doc, 'd1', 'bram', 'bezwaar', 'Te duur', AT);
    expect(reviseProposal(doc, 'd1', { title: 'We knappen het trapveldje op, in twee stappen' }, 'anja', LATER)).toBe(true);
    const decision = readDecisionById(doc, 'd1')!;
    expect(decision.round).toBe(2);
    expect(decision.title).toBe('We knappen het trapveldje op, in twee stappen');
    expect(decision.responses.map((r) => r.round)).toEqual([1]);
    expect(decision.history.map((h) => h.field)).toEqual(['created', 'response', 'title', 'round']);
    respond(doc, 'd1', 'bram', 'eens', '', LATER);
    expect(readDecisionById(doc, 'd1')!.responses.map((r) => [r.round, r.kind])).toEqual([[1, 'bezwaar'], [2, 'eens']]);
  });

  it('changing the explanation of a taken decision puts it under review', () => {
    const doc = withProposal();
    takeDecision(doc, 'd1', 'anja', AT, '2026-11-25');
    expect(reviseProposal(doc, 'd1', {}, 'bram', LATER)).toBe(true);
    const decision = readDecisionById(doc, 'd1')!;
    expect(decision.status).toBe('herzien');
    expect(decision.round).toBe(2);
    expect(decision.history.at(-3)).toEqual({ at: LATER, by: 'bram', field: 'explanation', value: '' });
  });

  it('follows the status transitions and refuses the others', () => {
    const doc = withProposal();
    expect(startReview(doc, 'd1', 'anja', AT)).toBe(false);
    expect(takeDecision(doc, 'd1', 'anja', AT, 'morgen')).toBe(false);
    expect(takeDecision(doc, 'd1', 'anja', AT, '2026-11-25')).toBe(true);
    expect(readDecisionById(doc, 'd1')).toMatchObject({ status: 'genomen', decidedOn: '2026-11-25', decidedRound: 1 });
    expect(takeDecision(doc, 'd1', 'anja', AT, '2026-11-26')).toBe(false);
    expect(rejectDecision(doc, 'd1', 'anja', AT)).toBe(false);
    expect(startReview(doc, 'd1', 'bram', LATER)).toBe(true);
    expect(readDecisionById(doc, 'd1')).toMatchObject({ status: 'herzien', round: 2 });
    expect(rejectDecision(doc, 'd1', 'bram', LATER)).toBe(true);
    expect(reviseProposal(doc, 'd1', { title: 'x' }, 'bram', LATER)).toBe(false);
    expect(readDecisionById(doc, 'd1')!.status).toBe('verworpen');
  });

  it('sets and clears the review date and the meeting link, refusing a malformed date', () => {
    const doc = withProposal();
    expect(setReviewDate(doc, 'd1', '1 maart', 'anja', AT)).toBe(false);
    expect(setReviewDate(doc, 'd1', '2027-03-01', 'anja', AT)).toBe(true);
    expect(readDecisionById(doc, 'd1')!.reviewDate).toBe('2027-03-01');
    expect(setReviewDate(doc, 'd1', null, 'anja', AT)).toBe(true);
    expect(readDecisionById(doc, 'd1')!.reviewDate).toBeUndefined();
    expect(setDecisionMeeting(doc, 'd1', null, 'anja', AT)).toBe(true);
    expect(readDecisionById(doc, 'd1')!.meetingDocId).toBeUndefined();
  });

  it('changes nothing for a decision that does not exist', () => {
    const doc = withProposal();
    const before = Y.encodeStateVector(doc);
    expect(respond(doc, 'nope', 'bram', 'eens', '', AT)).toBe(false);
    expect(takeDecision(doc, 'nope', 'bram', AT, '2026-11-25')).toBe(false);
    expect(reviseProposal(doc, 'nope', {}, 'bram', AT)).toBe(false);
    expect(withdrawObjection(doc, 'nope', 'bram', AT)).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('parses response keys and refuses malformed ones', () => {
    expect(parseResponseKey(responseKey('Ab3_-x', 12))).toEqual({ memberId: 'Ab3_-x', round: 12 });
    for (const bad of ['', '/1', 'a/0', 'a/b', 'a/01', 'a/1.5', 'a/b/1', 'a']) expect(parseResponseKey(bad)).toBeNull();
  });

  it('reads bad or missing values from an old or hostile client as safe defaults', () => {
    const doc = new Y.Doc();
    const decisions = decisionsMap(doc);
    decisions.set('junk', 'not a map');
    const map = new Y.Map<unknown>();
    decisions.set('d1', map);
    map.set('title', 42);
    map.set('status', 'aangenomen door de wethouder');
    map.set('explanation', 'plain string');
    map.set('decidedOn', 'gisteren');
    map.set('decidedRound', -3);
    map.set('reviewDate', '2027-13');
    map.set('order', Number.NaN);
    const rounds = new Y.Map<unknown>();
    map.set('rounds', rounds);
    rounds.set('0', { at: AT, by: 'x' });
    rounds.set('abc', { at: AT, by: 'x' });
    const responses = new Y.Map<unknown>();
    map.set('responses', responses);
    responses.set('bram/1', { kind: 'ja hoor' });
    responses.set('cor/1', 'eens');
    responses.set('dirk', { kind: 'eens' });
    responses.set('eva/1', { kind: 'eens', note: 7, withdrawnAt: AT });
    responses.set('fien/1', { kind: 'bezwaar', note: 'x'.repeat(5000), at: AT });
    map.set('history', ['not', { field: 'hacked', at: AT }, { field: 'status', at: AT, by: 'eva', value: 'genomen' }]);
    const decision = readDecisions(doc);
    expect(decision).toHaveLength(1);
    expect(decision[0]).toMatchObject({ id: 'd1', title: '', explanationText: '', status: 'voorstel', round: 1, order: 0, history: [] });
    expect(decision[0]!.decidedOn).toBeUndefined();
    expect(decision[0]!.decidedRound).toBeUndefined();
    expect(decision[0]!.reviewDate).toBeUndefined();
    expect(decision[0]!.responses.map((r) => [r.memberId, r.kind, r.note.length, r.withdrawnAt])).toEqual([
      ['eva', 'eens', 0, undefined],
      ['fien', 'bezwaar', 1000, undefined],
    ]);
    expect(explanationFragment(doc, 'd1')).toBeNull();
  });

  it('turns rich text into plain lines for lists and exports', () => {
    const fragment = new Y.Doc().getXmlFragment('x');
    const heading = new Y.XmlElement('heading');
    heading.insert(0, [new Y.XmlText('Waarom')]);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const inner = new Y.XmlElement('paragraph');
    inner.insert(0, [new Y.XmlText('punt één')]);
    item.insert(0, [inner]);
    list.insert(0, [item]);
    fragment.insert(0, [heading, paragraph, list]);
    text.insert(0, 'Het veld is ');
    text.insert(12, 'kapot', { bold: true });
    expect(fragmentText(fragment)).toBe('Waarom\nHet veld is kapot\npunt één');
  });
});
