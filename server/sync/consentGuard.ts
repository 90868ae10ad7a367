/**
 * One member, one voice — held on the server, also against a modified client.
 *
 * In a decision list (doc id `decisions-…`, shared/schema/listDocuments.ts) a
 * consent response lives under the key `<memberId>/<round>` of a decision's
 * `responses` map (shared/schema/decisions.ts). The stock client only ever
 * writes under the signed-in member's own key; a modified one could write,
 * overwrite or delete someone else's. This check runs on every client update
 * to such a document *before* it is applied, so a refused update is never
 * stored, forwarded or merged into the room's document.
 *
 * It decodes the update (Y.decodeUpdate) and works out, for every new item,
 * the chain of map keys from the root down to it. An item whose parent is not
 * written in the update inherits parent and key from its origin (that is how
 * Yjs integrates it), so the origin is looked up — in the update itself or in
 * the room's document. Refused are:
 * - an item under `decisions/<id>/responses/<key>` where the key is not the
 *   writer's own member id (or is malformed);
 * - a new value for `decisions/<id>/responses` or for `decisions/<id>` when
 *   one exists (replacing it would drop everyone's responses at once);
 * - a delete of any of those (someone else's response, a responses map, a
 *   whole decision — the app never deletes a decision);
 * - a reference to an item the room does not hold (Yjs would keep the update
 *   pending and apply it later, unchecked; a stock client only refers to what
 *   it got from the server or sends along), and a delete of a range the room
 *   does not hold yet (it would wait for someone else's future response).
 * Items the room already holds are skipped: resending them changes nothing.
 *
 * The cost is linear in the update's size (each item's chain is resolved once
 * and remembered) plus the deleted ranges; decision lists are small.
 */
import * as Y from 'yjs';
import { isDecisionsDocId } from '../../shared/schema/listDocuments.ts';
import { parseResponseKey } from '../../shared/schema/decisions.ts';

/** Why an update was refused, for the log line; null when it may be applied. */
export type ConsentViolation =
  | 'response-of-other-member'
  | 'responses-replaced'
  | 'decision-replaced'
  | 'decision-deleted'
  | 'unknown-reference';

/** The chain of keys from the root type down to an item; null where the level is a list, not a map. */
type KeyPath = (string | null)[];

/** What a reference resolves to: a path, an item Yjs already collected (harmless), or nothing known. */
type Resolved = KeyPath | 'collected' | 'unknown';

const ROOT = 'decisions';

interface UpdateIndex {
  /** The update's own items per Yjs client, in clock order, for references inside the update. */
  byClient: Map<number, Y.Item[]>;
  memo: Map<Y.Item, Resolved>;
}

function findInList(items: readonly (Y.Item | Y.GC)[], clock: number): Y.Item | Y.GC | null {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid]!;
    if (clock < item.id.clock) high = mid - 1;
    else if (clock >= item.id.clock + item.length) low = mid + 1;
    else return item;
  }
  return null;
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  return structs ? findInList(structs, id.clock) : null;
}

/** The key path of an item that is part of the room's document. */
function docPath(doc: Y.Doc, item: Y.Item): KeyPath {
  const keys: KeyPath = [];
  let current: Y.Item | null = item;
  for (let depth = 0; current !== null && depth < 10_000; depth++) {
    keys.unshift(current.parentSub);
    const parent = current.parent as Y.AbstractType<unknown> | null;
    if (!parent) return keys; // cannot happen for an integrated item; no root means no match below
    if (parent._item === null) {
      keys.unshift(Y.findRootTypeKey(parent));
      return keys;
    }
    current = parent._item;
  }
  return keys;
}

/**
 * The key path of an item of the update. Iterative, because a typed sentence is
 * a chain of items each pointing at the one before; every item passed on the
 * way is remembered with its own path, so the whole update costs linear time.
 */
function updatePath(doc: Y.Doc, index: UpdateIndex, start: Y.Item): Resolved {
  const visited: { item: Y.Item; suffixLength: number }[] = [];
  const seen = new Set<Y.Item | Y.GC>();
  const suffix: KeyPath = [];
  let current: Y.Item | Y.GC | null = start;
  let result: Resolved = 'unknown';
  for (;;) {
    // A missing item, or a crafted cycle of items pointing at each other: nothing Yjs could place.
    if (current === null || seen.has(current)) break;
    seen.add(current);
    if (current instanceof Y.GC) {
      result = 'collected';
      break;
    }
    const remembered = index.memo.get(current);
    if (remembered !== undefined) {
      result = Array.isArray(remembered) ? [...remembered, ...suffix] : remembered;
      break;
    }
    const own = findInList(index.byClient.get(current.id.client) ?? [], current.id.clock) === current;
    if (!own) {
      result = [...docPath(doc, current), ...suffix];
      break;
    }
    visited.push({ item: current, suffixLength: suffix.length });
    const parent = current.parent as Y.ID | string | null;
    if (parent === null) {
      // Parent and key come from the origin (or right origin), as Yjs will integrate it.
      const ref: Y.ID | null = current.origin ?? current.rightOrigin;
      current = ref ? lookup(doc, index, ref) : null;
      continue;
    }
    suffix.unshift(current.parentSub);
    if (typeof parent === 'string') {
      result = [parent, ...suffix];
      break;
    }
    current = lookup(doc, index, parent);
  }
  for (const { item, suffixLength } of visited) {
    index.memo.set(item, Array.isArray(result) ? result.slice(0, result.length - suffixLength) : result);
  }
  return result;
}

function lookup(doc: Y.Doc, index: UpdateIndex, id: Y.ID): Y.Item | Y.GC | null {
  return findInList(index.byClient.get(id.client) ?? [], id.clock) ?? findInDoc(doc, id);
}

function liveValue(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  const item = map._map.get(key);
  return item && !item.deleted ? item : undefined;
}

function existingDecision(doc: Y.Doc, decisionId: string | null): Y.Map<unknown> | null {
  if (decisionId === null) return null;
  const item = liveValue(doc.getMap(ROOT), decisionId);
  const content = item?.content;
  return content instanceof Y.ContentType && content.type instanceof Y.Map ? (content.type as Y.Map<unknown>) : null;
}

/** What writing (or deleting) at this path means for consent; null when it is not consent data. */
function judgeWrite(doc: Y.Doc, path: KeyPath, memberId: string, isDelete: boolean): ConsentViolation | null {
  if (path[0] !== ROOT || path.length < 2) return null;
  const decisionId = path[1] ?? null;
  if (path.length === 2) {
    if (isDelete) return 'decision-deleted';
    return existingDecision(doc, decisionId) ? 'decision-replaced' : null;
  }
  if (path[2] !== 'responses') return null;
  if (path.length === 3) {
    if (isDelete) return 'responses-replaced';
    const decision = existingDecision(doc, decisionId);
    return decision && liveValue(decision, 'responses') ? 'responses-replaced' : null;
  }
  const key = path[3];
  const owner = typeof key === 'string' ? parseResponseKey(key) : null;
  return owner?.memberId === memberId ? null : 'response-of-other-member';
}

/**
 * Checks a client's update to a room before it is applied. Returns why it
 * must be refused, or null. Documents that are not decision lists always pass.
 */
export function consentViolation(docId: string, doc: Y.Doc, update: Uint8Array, memberId: string): ConsentViolation | null {
  if (!isDecisionsDocId(docId)) return null;
  const { structs, ds } = Y.decodeUpdate(update);
  const index: UpdateIndex = { byClient: new Map(), memo: new Map() };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    let list = index.byClient.get(struct.id.client);
    if (!list) index.byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  for (const list of index.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already held by the room: Yjs skips it, so it cannot change anything.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const path = updatePath(doc, index, struct);
    if (path === 'unknown') return 'unknown-reference';
    if (path === 'collected') continue;
    const violation = judgeWrite(doc, path, memberId, false);
    if (violation) return violation;
  }

  for (const [client, ranges] of ds.clients) {
    const held = Y.getState(doc.store, client);
    const own = index.byClient.get(client) ?? [];
    const structsOfClient = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      const end = clock + len;
      const ownEnd = own.length > 0 ? own[own.length - 1]!.id.clock + own[own.length - 1]!.length : held;
      if (end > Math.max(held, ownEnd)) return 'unknown-reference';
      // Deleting items of its own update was checked with their insertion above.
      for (let at = clock; at < Math.min(end, held); ) {
        const struct = findInList(structsOfClient, at);
        if (!struct) break;
        at = struct.id.clock + struct.length;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const violation = judgeWrite(doc, docPath(doc, struct), memberId, true);
        if (violation) return violation;
      }
    }
  }
  return null;
}
