/**
 * A workplace's action list (actielijst: wie doet wat, wanneer) in Yjs, with
 * typed accessors. The document is found by its id (listDocuments.ts:
 * `actions-<workplaceId>`).
 *
 * Layout (root map `actions`):
 *
 *   actions: Y.Map<actionId, Y.Map{
 *     what:          string
 *     owners:        Y.Map<memberId, true>   one or more people
 *     due?:          YYYY-MM-DD
 *     done:          boolean
 *     doneBy?:       memberId
 *     doneAt?:       ISO time
 *     createdBy:     memberId
 *     createdAt:     ISO time
 *     meetingDocId?: docId                   the meeting notes it came from
 *     decisionId?:   decisionId              optional: the decision it carries out
 *     order:         number
 *   }>
 *
 * Owners are a map rather than an array: two people who add an owner at the
 * same moment both keep theirs (and adding the same person twice is one key),
 * where two array inserts of the whole list would duplicate or lose one.
 * Every field is its own key, so "done" and a new due date set at the same
 * moment both survive; a done action is never overdue.
 *
 * Values read from Yjs are validated; bad or missing values read as safe
 * defaults (no owners, no due date, not done). An entry that is not a Y.Map
 * is skipped.
 */
import * as Y from 'yjs';
import { ISO_DATE } from './workspaceIndex.ts';

export const MAX_ACTION_TEXT_LENGTH = 500;

export interface ActionView {
  id: string;
  what: string;
  /** Member ids, sorted. */
  owners: string[];
  due?: string;
  done: boolean;
  doneBy?: string;
  doneAt?: string;
  createdBy: string;
  createdAt: string;
  meetingDocId?: string;
  decisionId?: string;
  order: number;
}

export interface NewAction {
  id: string;
  what: string;
  owners: readonly string[];
  due?: string;
  createdBy: string;
  at: string;
  meetingDocId?: string;
  decisionId?: string;
}

export function actionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('actions');
}

function entryMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const value = actionsMap(doc).get(id);
  return value instanceof Y.Map ? value : null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readAction(id: string, map: Y.Map<unknown>): ActionView {
  const ownersValue = map.get('owners');
  const owners: string[] = [];
  if (ownersValue instanceof Y.Map) ownersValue.forEach((value, memberId) => value === true && owners.push(memberId));
  const order = map.get('order');
  const view: ActionView = {
    id,
    what: str(map.get('what')).slice(0, MAX_ACTION_TEXT_LENGTH),
    owners: owners.sort(),
    done: map.get('done') === true,
    createdBy: str(map.get('createdBy')),
    createdAt: str(map.get('createdAt')),
    order: typeof order === 'number' && Number.isFinite(order) ? order : 0,
  };
  const due = map.get('due');
  if (typeof due === 'string' && ISO_DATE.test(due)) view.due = due;
  if (view.done) {
    const doneBy = map.get('doneBy');
    if (typeof doneBy === 'string') view.doneBy = doneBy;
    const doneAt = map.get('doneAt');
    if (typeof doneAt === 'string') view.doneAt = doneAt;
  }
  const meetingDocId = map.get('meetingDocId');
  if (typeof meetingDocId === 'string' && meetingDocId) view.meetingDocId = meetingDocId;
  const decisionId = map.get('decisionId');
  if (typeof decisionId === 'string' && decisionId) view.decisionId = decisionId;
  return view;
}

/** Every action, in list order (order, then creation time, then id). */
export function readActions(doc: Y.Doc): ActionView[] {
  const out: ActionView[] = [];
  actionsMap(doc).forEach((value, id) => {
    if (value instanceof Y.Map) out.push(readAction(id, value));
  });
  return out.sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function readActionById(doc: Y.Doc, id: string): ActionView | null {
  const map = entryMap(doc, id);
  return map ? readAction(id, map) : null;
}

export function nextActionOrder(doc: Y.Doc): number {
  return readActions(doc).reduce((max, action) => Math.max(max, action.order + 1), 0);
}

/** Adds an action (not done). False when the id is taken or the due date is malformed. */
export function addAction(doc: Y.Doc, input: NewAction): boolean {
  if (actionsMap(doc).has(input.id) || (input.due !== undefined && !ISO_DATE.test(input.due))) return false;
  doc.transact(() => {
    const order = nextActionOrder(doc);
    const map = new Y.Map<unknown>();
    actionsMap(doc).set(input.id, map);
    map.set('what', input.what.trim().slice(0, MAX_ACTION_TEXT_LENGTH));
    const owners = new Y.Map<unknown>();
    map.set('owners', owners);
    for (const owner of input.owners) owners.set(owner, true);
    if (input.due !== undefined) map.set('due', input.due);
    map.set('done', false);
    map.set('createdBy', input.createdBy);
    map.set('createdAt', input.at);
    map.set('order', order);
    if (input.meetingDocId) map.set('meetingDocId', input.meetingDocId);
    if (input.decisionId) map.set('decisionId', input.decisionId);
  });
  return true;
}

export function setActionText(doc: Y.Doc, id: string, what: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  map.set('what', what.trim().slice(0, MAX_ACTION_TEXT_LENGTH));
  return true;
}

function ownersMap(map: Y.Map<unknown>): Y.Map<unknown> {
  let owners = map.get('owners');
  if (!(owners instanceof Y.Map)) {
    owners = new Y.Map<unknown>();
    map.set('owners', owners);
  }
  return owners as Y.Map<unknown>;
}

export function addOwner(doc: Y.Doc, id: string, memberId: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  ownersMap(map).set(memberId, true);
  return true;
}

export function removeOwner(doc: Y.Doc, id: string, memberId: string): boolean {
  const map = entryMap(doc, id);
  const owners = map?.get('owners');
  if (!(owners instanceof Y.Map) || !owners.has(memberId)) return false;
  owners.delete(memberId);
  return true;
}

/** Sets or clears (null) the due date. */
export function setDue(doc: Y.Doc, id: string, due: string | null): boolean {
  const map = entryMap(doc, id);
  if (!map || (due !== null && !ISO_DATE.test(due))) return false;
  if (due === null) map.delete('due');
  else map.set('due', due);
  return true;
}

/** Marks done (with who and when) or not done again. */
export function setDone(doc: Y.Doc, id: string, done: boolean, by: string, at: string): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  doc.transact(() => {
    map.set('done', done);
    if (done) {
      map.set('doneBy', by);
      map.set('doneAt', at);
    } else {
      map.delete('doneBy');
      map.delete('doneAt');
    }
  });
  return true;
}

export function setActionMeeting(doc: Y.Doc, id: string, meetingDocId: string | null): boolean {
  const map = entryMap(doc, id);
  if (!map) return false;
  if (meetingDocId === null) map.delete('meetingDocId');
  else map.set('meetingDocId', meetingDocId);
  return true;
}

/** Removes an action from the list. */
export function deleteAction(doc: Y.Doc, id: string): boolean {
  if (!actionsMap(doc).has(id)) return false;
  actionsMap(doc).delete(id);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Views

/** Not done and its due date is before today (`YYYY-MM-DD`). Due today is not overdue. */
export function isOverdue(action: ActionView, today: string): boolean {
  return !action.done && action.due !== undefined && action.due < today;
}

export function hideDone(actions: readonly ActionView[]): ActionView[] {
  return actions.filter((action) => !action.done);
}

/** An action with the workplace whose list holds it (for views across workplaces). */
export interface WorkplaceAction extends ActionView {
  workplaceId: string;
}

/**
 * "Mijn acties": the member's actions across every workplace's list, open
 * ones first, then by due date (no date last), then by workplace and order.
 */
export function myActions(
  lists: readonly { workplaceId: string; actions: readonly ActionView[] }[],
  memberId: string,
  options: { hideDone?: boolean } = {},
): WorkplaceAction[] {
  const mine: WorkplaceAction[] = [];
  for (const list of lists) {
    for (const action of list.actions) {
      if (!action.owners.includes(memberId)) continue;
      if (options.hideDone && action.done) continue;
      mine.push({ ...action, workplaceId: list.workplaceId });
    }
  }
  return mine.sort(
    (a, b) =>
      Number(a.done) - Number(b.done) ||
      (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99') ||
      a.workplaceId.localeCompare(b.workplaceId) ||
      a.order - b.order,
  );
}
