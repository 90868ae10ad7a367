/**
 * A workplace's decision list (besluitenlijst) in Yjs, with typed accessors.
 * The document is found by its id (listDocuments.ts: `decisions-<workplaceId>`).
 *
 * Layout (root map `decisions`):
 *
 *   decisions: Y.Map<decisionId, Y.Map{
 *     title:        string
 *     explanation:  Y.XmlFragment          short rich text; TipTap binds to it with
 *                                          Collaboration.configure({ fragment })
 *     proposedBy:   memberId
 *     createdAt:    ISO time
 *     order:        number
 *     status:       'voorstel' | 'genomen' | 'verworpen' | 'herzien'
 *     decidedOn?:   YYYY-MM-DD             set when it is taken
 *     decidedRound?: number                the consent round in which it was taken
 *     reviewDate?:  YYYY-MM-DD
 *     meetingDocId?: docId                 the meeting notes it came from
 *     rounds:       Y.Map<'1'|'2'|…, { at, by }>      consent rounds; the current one is the highest
 *     responses:    Y.Map<'<memberId>/<round>', { kind, note, at, withdrawnAt? }>
 *     history:      Y.Array<{ at, by, field, value }>  append-only
 *   }>
 *
 * Why this shape:
 * - Every field is its own key, so concurrent edits to different fields both
 *   survive; a field edited by two people at once ends with one value on every
 *   copy (Yjs last-writer-wins, the same winner everywhere).
 * - Rounds are a grow-only set of keys rather than a counter: two people who
 *   start a new round at once both write key n+1 (one round, not two), and a
 *   counter written concurrently could go *down* under last-writer-wins.
 * - Responses are keyed by member id and round (`<memberId>/<round>`; member
 *   ids never contain '/'): one member, one voice per round, and nobody ever
 *   writes under another member's key (the server refuses it:
 *   server/sync/consentGuard.ts). A response is a plain value, so changing it
 *   replaces it whole; one flat map means no nested map that two tabs could
 *   create at once and lose one of.
 * - History is an array of plain values: concurrent appends all survive.
 *
 * Every value read from Yjs is validated; a missing or bad value (an old or a
 * hostile client) reads as a safe default: status 'voorstel', round 1, no
 * response, no date. A decision that is not a Y.Map is skipped.
 *
 * The consent rules themselves are pure functions over `DecisionView` in
 * consent.ts; the concurrent cases are written down in docs/decisions.md.
 */
import * as Y from 'yjs';
import { ISO_DATE } from './workspaceIndex.ts';

export const DECISION_STATUSES = ['voorstel', 'genomen', 'verworpen', 'herzien'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const RESPONSE_KINDS = ['eens', 'bedenkingen', 'bezwaar'] as const;
/** eens = agree; bedenkingen = agree with concerns (note); bezwaar = objection (reason). */
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const MAX_DECISION_TITLE_LENGTH = 200;
export const MAX_RESPONSE_NOTE_LENGTH = 1000;

export interface ResponseView {
  memberId: string;
  round: number;
  kind: ResponseKind;
  /** The concern (bedenkingen) or the reason (bezwaar); may be empty for eens. */
  note: string;
  at: string;
  /** Set when the author withdrew their objection. */
  withdrawnAt?: string;
}

export interface RoundView {
  round: number;
  at: string;
  by: string;
}

export const HISTORY_FIELDS = [
  'created',
  'title',
  'explanation',
  'status',
  'decidedOn',
  'reviewDate',
  'meetingDocId',
  'round',
  'response',
  'withdraw',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export interface HistoryEntry {
  at: string;
  /** Member id of whoever made the change. */
  by: string;
  field: HistoryField;
  /** The new value, short (a status, a date, a round number, a response kind); '' when not meaningful. */
  value: string;
}

export interface DecisionView {
  id: string;
  title: string;
  /** The explanation as plain text (paragraphs joined by newlines), for lists and exports. */
  explanationText: string;
  proposedBy: string;
  createdAt: string;
  order: number;
  status: DecisionStatus;
  decidedOn?: string;
  decidedRound?: number;
  reviewDate?: string;
  meetingDocId?: string;
  /** The current consent round (the highest started), at least 1. */
  round: number;
  rounds: RoundView[];
  /** Every valid response of every round, oldest round first. */
  responses: ResponseView[];
  /** Oldest first. */
  history: HistoryEntry[];
}

export interface NewDecision {
  id: string;
  title: string;
  /** Plain-text explanation to start with (one paragraph per line); may be empty. */
  explanation?: string;
  proposedBy: string;
  at: string;
  meetingDocId?: string;
  reviewDate?: string;
}

// ---------------------------------------------------------------------------------------------
// Reading

export function decisionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('decisions');
}

function entryMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = decisionsMap(doc).get(id);
  return value instanceof Y.Map ? value : null;
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function isoDate(value: unknown): string | undefined {
  return typeof value === 'string' && ISO_DATE.test(value) ? value : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

function finiteNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function roundKey(value: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}

export function isDecisionStatus(value: unknown): value is DecisionStatus {
  return (DECISION_STATUSES as readonly unknown[]).includes(value);
}

export function isResponseKind(value: unknown): value is ResponseKind {
  return (RESPONSE_KINDS as readonly unknown[]).includes(value);
}

function readRounds(map: Y.Map<unknown>): RoundView[] {
  const rounds = map.get('rounds');
  const out: RoundView[] = [];
  if (rounds instanceof Y.Map) {
    rounds.forEach((value, key) => {
      const round = roundKey(key);
      if (round === undefined) return;
      const record = isRecord(value) ? value : {};
      out.push({ round, at: str(record.at), by: str(record.by) });
    });
  }
  return out.sort((a, b) => a.round - b.round);
}

/** The key of one member's response in one round. */
export function responseKey(memberId: string, round: number): string {
  return `${memberId}/${round}`;
}

/** The member and round of a response key; null for a malformed key. */
export function parseResponseKey(key: string): { memberId: string; round: number } | null {
  const slash = key.lastIndexOf('/');
  if (slash <= 0) return null;
  const round = roundKey(key.slice(slash + 1));
  const memberId = key.slice(0, slash);
  return round === undefined || memberId.includes('/') ? null : { memberId, round };
}

function readResponses(map: Y.Map<unknown>): ResponseView[] {
  const responses = map.get('responses');
  const out: ResponseView[] = [];
  if (!(responses instanceof Y.Map)) return out;
  responses.forEach((value, key) => {
    const parsed = parseResponseKey(key);
    if (!parsed || !isRecord(value) || !isResponseKind(value.kind)) return;
    const response: ResponseView = {
      memberId: parsed.memberId,
      round: parsed.round,
      kind: value.kind,
      note: str(value.note).slice(0, MAX_RESPONSE_NOTE_LENGTH),
      at: str(value.at),
    };
    if (typeof value.withdrawnAt === 'string' && value.kind === 'bezwaar') response.withdrawnAt = value.withdrawnAt;
    out.push(response);
  });
  return out.sort((a, b) => a.round - b.round || a.memberId.localeCompare(b.memberId));
}

function readHistory(map: Y.Map<unknown>): HistoryEntry[] {
  const history = map.get('history');
  if (!(history instanceof Y.Array)) return [];
  const out: HistoryEntry[] = [];
  for (const value of history.toArray()) {
    if (!isRecord(value) || !(HISTORY_FIELDS as readonly unknown[]).includes(value.field)) continue;
    out.push({ at: str(value.at), by: str(value.by), field: value.field as HistoryField, value: str(value.value) });
  }
  // Concurrent appends land in an order both copies agree on; show them by time.
  return out.map((entry, i) => ({ entry, i })).sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.i - b.i).map(({ entry }) => entry);
}

/** The plain text of a rich-text fragment: one line per block, inline marks dropped. */
export function fragmentText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const inline = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): string => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    }
    if (node instanceof Y.XmlElement) return node.toArray().map(inline).join('');
    return '';
  };
  const block = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): void => {
    if (node instanceof Y.XmlElement) {
      const children = node.toArray();
      if (children.some((child) => child instanceof Y.XmlElement)) children.forEach(block);
      else lines.push(inline(node));
    } else if (node instanceof Y.XmlText) {
      lines.push(inline(node));
    }
  };
  fragment.toArray().forEach(block);
  return lines.join('\n').trim();
}

function readDecision(id: string, map: Y.Map<unknown>): DecisionView {
  const rounds = readRounds(map);
  const explanation = map.get('explanation');
  const view: DecisionView = {
    id,
    title: str(map.get('title')).slice(0, MAX_DECISION_TITLE_LENGTH),
    explanationText: explanation instanceof Y.XmlFragment ? fragmentText(explanation) : '',
    proposedBy: str(map.get('proposedBy')),
    createdAt: str(map.get('createdAt')),
    order: finiteNumber(map.get('order')),
    status: isDecisionStatus(map.get('status')) ? (map.get('status') as DecisionStatus) : 'voorstel',
    round: rounds.reduce((max, round) => Math.max(max, round.round), 1),
    rounds,
    responses: readResponses(map),
    history: readHistory(map),
  };
  const decidedOn = isoDate(map.get('decidedOn'));
  if (decidedOn) view.decidedOn = decidedOn;
  const decidedRound = positiveInt(map.get('decidedRound'));
  if (decidedRound !== undefined) view.decidedRound = decidedRound;
  const reviewDate = isoDate(map.get('reviewDate'));
  if (reviewDate) view.reviewDate = reviewDate;
  const meetingDocId = map.get('meetingDocId');
  if (typeof meetingDocId === 'string' && meetingDocId) view.meetingDocId = meetingDocId;
  return view;
}

/** Every decision, in list order (order, then creation time, then id). */
export function readDecisions(doc: Y.Doc): DecisionView[] {
  const out: DecisionView[] = [];
  decisionsMap(doc).forEach((value, id) => {
    if (value instanceof Y.Map) out.push(readDecision(id, value));
  });
  return out.sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function readDecisionById(doc: Y.Doc, id: string): DecisionView | null {
  const map = entryMap(doc, id);
  return map ? readDecision(id, map) : null;
}

/**
 * The explanation's rich text, for a TipTap editor
 * (`Collaboration.configure({ fragment })`). Null when the decision does not
 * exist or its explanation is not a fragment (a bad client): show nothing
 * editable then. Before letting someone change the explanation of a proposal,
 * call `reviseProposal` (changing the proposal asks everyone again).
 */
export function explanationFragment(doc: Y.Doc, id: string): Y.XmlFragment | null {
  const value = entryMap(doc, id)?.get('explanation');
  return value instanceof Y.XmlFragment ? value : null;
}

// ---------------------------------------------------------------------------------------------
// Writing. Every writer takes the acting member id and an ISO time, and notes
// the change in the history. Writers return false and change nothing when
// the decision does not exist or the change is not allowed.

function historyArray(map: Y.Map<unknown>): Y.Array<unknown> {
  let history = map.get('history');
  if (!(history instanceof Y.Array)) {
    history = new Y.Array<unknown>();
    map.set('history', history);
  }
  return history as Y.Array<unknown>;
}

function note(map: Y.Map<unknown>, by: string, at: string, field: HistoryField, value: string): void {
  historyArray(map).push([{ at, by, field, value } satisfies HistoryEntry]);
}

function subMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> {
  let value = map.get(key);
  if (!(value instanceof Y.Map)) {
    value = new Y.Map<unknown>();
    map.set(key, value);
  }
  return value as Y.Map<unknown>;
}

function paragraphsFrom(text: string): Y.XmlElement[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    });
}

/** The order value that puts a new decision after every existing one. */
export function nextDecisionOrder(doc: Y.Doc): number {
  return readDecisions(doc).reduce((max, decision) => Math.max(max, decision.order + 1), 0);
}

/** Adds a proposal (status voorstel, round 1). False when the id is taken. */
export function addDecision(doc: Y.Doc, input: NewDecision): boolean {
  if (decisionsMap(doc).has(input.id)) return false;
  doc.transact(() => {
    const order = nextDecisionOrder(doc);
    const map = new Y.Map<unknown>();
    decisionsMap(doc).set(input.id, map);
    map.set('title', input.title.trim().slice(0, MAX_DECISION_TITLE_LENGTH));
    const explanation = new Y.XmlFragment();
    map.set('explanation', explanation);
    const paragraphs = paragraphsFrom(input.explanation ?? '');
    if (paragraphs.length > 0) explanation.insert(0, paragraphs);
    map.set('proposedBy', input.proposedBy);
    map.set('createdAt', input.at);
    map.set('order', order);
    map.set('status', 'voorstel');
    if (input.meetingDocId) map.set('meetingDocId', input.meetingDocId);
    if (input.reviewDate && ISO_DATE.test(input.reviewDate)) map.set('reviewDate', input.reviewDate);
    subMap(map, 'rounds').set('1', { at: input.at, by: input.proposedBy });
    subMap(map, 'responses');
    note(map, input.proposedBy, input.at, 'created', input.title.trim().slice(0, MAX_DECISION_TITLE_LENGTH));
  });
  return true;
}

function currentRound(map: Y.Map<unknown>): number {
  return readRounds(map).reduce((max, round) => Math.max(max, round.round), 1);
}

function startRound(map: Y.Map<unknown>, by: string, at: string): number {
  const next = currentRound(map) + 1;
  subMap(map, 'rounds').set(String(next), { at, by });
  note(map, by, at, 'round', String(next));
  return next;
}

/**
 * Changes the proposal: a new title (optional) and/or the start of an edit to
 * the explanation. It always starts a new consent round, so everybody is asked
 * again and an objection is answered by the change; a response given at the
 * same moment counts for the old text (see docs/decisions.md). Call it once
 * when someone starts changing the proposal, not per keystroke. Allowed while
 * the decision is open for consent (voorstel, herzien); changing a decision
 * that was taken puts it under review (herzien).
 */
export function reviseProposal(doc: Y.Doc, id: string, change: { title?: string }, by: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  const status = readDecision(id, map).status;
  if (status === 'verworpen') return false;
  doc.transact(() => {
    if (change.title !== undefined) {
      const title = change.title.trim().slice(0, MAX_DECISION_TITLE_LENGTH);
      map.set('title', title);
      note(map, by, at, 'title', title);
    } else {
      note(map, by, at, 'explanation', '');
    }
    if (status === 'genomen') {
      map.set('status', 'herzien');
      note(map, by, at, 'status', 'herzien');
    }
    startRound(map, by, at);
  });
  return true;
}

/**
 * One member's response in the current round. Only ever call it with the
 * signed-in member's own id (the server refuses anything else). Replaces that
 * member's earlier response in this round. A note is required for
 * bedenkingen and bezwaar (false without one).
 */
export function respond(doc: Y.Doc, id: string, memberId: string, kind: ResponseKind, noteText: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map || !isResponseKind(kind)) return false;
  const text = noteText.trim().slice(0, MAX_RESPONSE_NOTE_LENGTH);
  if (kind !== 'eens' && text.length === 0) return false;
  // Responding to a taken decision is allowed: an objection after the fact
  // shows as "bezwaar na besluit" (consent.ts) instead of being refused.
  doc.transact(() => {
    const round = currentRound(map);
    subMap(map, 'responses').set(responseKey(memberId, round), { kind, note: text, at });
    note(map, memberId, at, 'response', kind);
  });
  return true;
}

/**
 * Withdraws the member's own objection in the current round (only its author
 * may: call it with the signed-in member's id). False when that member has no
 * open objection in the current round.
 */
export function withdrawObjection(doc: Y.Doc, id: string, memberId: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  const round = currentRound(map);
  const responses = map.get('responses');
  if (!(responses instanceof Y.Map)) return false;
  const current: unknown = responses.get(responseKey(memberId, round));
  if (!isRecord(current) || current.kind !== 'bezwaar' || typeof current.withdrawnAt === 'string') return false;
  doc.transact(() => {
    responses.set(responseKey(memberId, round), { ...current, withdrawnAt: at });
    note(map, memberId, at, 'withdraw', String(round));
  });
  return true;
}

/**
 * Marks the decision taken (genomen) on `today` in the current round. The
 * caller checks `canTake` (consent.ts) first, with the member list; this
 * writer only refuses a status that is not open for consent. A concurrent
 * objection is not lost: consent.ts shows it as "bezwaar na besluit".
 */
export function takeDecision(doc: Y.Doc, id: string, by: string, at: string, today: string): boolean {
  const map = entryMap(doc, id);
  if (!map || !ISO_DATE.test(today)) return false;
  const status = readDecision(id, map).status;
  if (status !== 'voorstel' && status !== 'herzien') return false;
  doc.transact(() => {
    map.set('status', 'genomen');
    map.set('decidedOn', today);
    map.set('decidedRound', currentRound(map));
    note(map, by, at, 'status', 'genomen');
  });
  return true;
}

/** Rejects a proposal (verworpen). Allowed from voorstel and herzien. */
export function rejectDecision(doc: Y.Doc, id: string, by: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  const status = readDecision(id, map).status;
  if (status !== 'voorstel' && status !== 'herzien') return false;
  doc.transact(() => {
    map.set('status', 'verworpen');
    note(map, by, at, 'status', 'verworpen');
  });
  return true;
}

/**
 * Puts a taken or rejected decision under review (herzien): a new consent
 * round starts, and it can be taken again or rejected.
 */
export function startReview(doc: Y.Doc, id: string, by: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  const status = readDecision(id, map).status;
  if (status !== 'genomen' && status !== 'verworpen') return false;
  doc.transact(() => {
    map.set('status', 'herzien');
    note(map, by, at, 'status', 'herzien');
    startRound(map, by, at);
  });
  return true;
}

/** Sets or clears (null) the review date. */
export function setReviewDate(doc: Y.Doc, id: string, date: string | null, by: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map || (date !== null && !ISO_DATE.test(date))) return false;
  doc.transact(() => {
    if (date === null) map.delete('reviewDate');
    else map.set('reviewDate', date);
    note(map, by, at, 'reviewDate', date ?? '');
  });
  return true;
}

/** Links the decision to the meeting notes it came from (null unlinks). */
export function setDecisionMeeting(doc: Y.Doc, id: string, meetingDocId: string | null, by: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  doc.transact(() => {
    if (meetingDocId === null) map.delete('meetingDocId');
    else map.set('meetingDocId', meetingDocId);
    note(map, by, at, 'meetingDocId', meetingDocId ?? '');
  });
  return true;
}
