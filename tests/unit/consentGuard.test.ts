/**
 * The server's consent guard (server/sync/consentGuard.ts) on real Yjs updates:
 * everything the schema's writers produce passes, and every way of writing,
 * overwriting or deleting another member's response is refused.
 */
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { consentViolation } from '../../server/sync/consentGuard.ts';
import {
  addDecision,
  decisionsMap,
  explanationFragment,
  respond,
  responseKey,
  reviseProposal,
  setReviewDate,
  takeDecision,
  withdrawObjection,
} from '../../shared/schema/decisions.ts';

const DOC = 'decisions-w1';
const AT = '2026-11-25T10:00:00.000Z';

/** The room's document, with one decision that Anja and Bram responded to. */
function room(): Y.Doc {
  const doc = new Y.Doc();
  addDecision(doc, { id: 'd1', title: 'Vijver schoonmaken', explanation: 'Op zaterdag.', proposedBy: 'anja', at: AT });
  respond(doc, 'd1', 'anja', 'eens', '', AT);
  respond(doc, 'd1', 'bram', 'bezwaar', 'Broedtijd', AT);
  return doc;
}

/** A client that holds what the room holds; `change` returns the update(s) it produces. */
function client(roomDoc: Y.Doc): { doc: Y.Doc; change: (edit: (doc: Y.Doc) => void) => Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(roomDoc));
  return {
    doc,
    change(edit) {
      const updates: Uint8Array[] = [];
      const listener = (update: Uint8Array): void => void updates.push(update);
      doc.on('update', listener);
      edit(doc);
      doc.off('update', listener);
      return Y.mergeUpdates(updates);
    },
  };
}

function responses(doc: Y.Doc): Y.Map<unknown> {
  return (decisionsMap(doc).get('d1') as Y.Map<unknown>).get('responses') as Y.Map<unknown>;
}

/** Checks the update as the room would, and applies it when it passes (like the room does). */
function send(roomDoc: Y.Doc, update: Uint8Array, memberId: string, docId = DOC): string | null {
  const violation = consentViolation(docId, roomDoc, update, memberId);
  if (violation === null) Y.applyUpdate(roomDoc, update);
  return violation;
}

describe('consent guard', () => {
  it('lets through everything the schema writers do with the member\'s own voice', () => {
    const roomDoc = room();
    const cor = client(roomDoc);
    expect(send(roomDoc, cor.change((d) => respond(d, 'd1', 'cor', 'bezwaar', 'Te vroeg', AT)), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => respond(d, 'd1', 'cor', 'bedenkingen', 'Toch te vroeg', AT)), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => respond(d, 'd1', 'cor', 'bezwaar', 'Echt te vroeg', AT)), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => withdrawObjection(d, 'd1', 'cor', AT)), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => setReviewDate(d, 'd1', '2027-01-01', 'cor', AT)), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => addDecision(d, { id: 'd2', title: 'Nieuw', proposedBy: 'cor', at: AT })), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => reviseProposal(d, 'd1', { title: 'Vijver in het najaar' }, 'cor', AT)), 'cor')).toBeNull();
    const typing = cor.change((d) => {
      const text = (explanationFragment(d, 'd1')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      for (let i = 0; i < 200; i++) d.transact(() => text.insert(text.length, 'x'));
      text.delete(0, 3);
    });
    expect(send(roomDoc, typing, 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => respond(d, 'd1', 'cor', 'eens', '', AT)), 'cor')).toBeNull();
    expect(send(roomDoc, cor.change((d) => takeDecision(d, 'd1', 'cor', AT, '2026-11-25')), 'cor')).toBeNull();
    expect(responses(roomDoc).get(responseKey('cor', 2))).toMatchObject({ kind: 'eens' });
  });

  it('lets a client resend what the room already holds, others\' responses included', () => {
    const roomDoc = room();
    const bram = client(roomDoc);
    expect(send(roomDoc, Y.encodeStateAsUpdate(bram.doc), 'cor')).toBeNull();
  });

  it('refuses a response written under another member\'s key, new or overwriting', () => {
    const roomDoc = room();
    const anja = client(roomDoc);
    expect(send(roomDoc, anja.change((d) => respond(d, 'd1', 'cor', 'eens', '', AT)), 'anja')).toBe('response-of-other-member');
    const anja2 = client(roomDoc);
    expect(send(roomDoc, anja2.change((d) => respond(d, 'd1', 'bram', 'eens', '', AT)), 'anja')).toBe('response-of-other-member');
    const anja3 = client(roomDoc);
    expect(send(roomDoc, anja3.change((d) => withdrawObjection(d, 'd1', 'bram', AT)), 'anja')).toBe('response-of-other-member');
    expect(responses(roomDoc).get(responseKey('bram', 1))).toMatchObject({ kind: 'bezwaar', note: 'Broedtijd' });
    expect(responses(roomDoc).has(responseKey('cor', 1))).toBe(false);
  });

  it('refuses a malformed response key', () => {
    const roomDoc = room();
    const anja = client(roomDoc);
    expect(send(roomDoc, anja.change((d) => responses(d).set('anja', { kind: 'eens' })), 'anja')).toBe('response-of-other-member');
    const anja2 = client(roomDoc);
    expect(send(roomDoc, anja2.change((d) => responses(d).set('anja/1/x', { kind: 'eens' })), 'anja')).toBe('response-of-other-member');
  });

  it('refuses deleting another member\'s response, the responses map or a decision', () => {
    const roomDoc = room();
    const deleteBram = client(roomDoc).change((d) => responses(d).delete(responseKey('bram', 1)));
    expect(send(roomDoc, deleteBram, 'anja')).toBe('response-of-other-member');
    const dropAll = client(roomDoc).change((d) => (decisionsMap(d).get('d1') as Y.Map<unknown>).delete('responses'));
    expect(send(roomDoc, dropAll, 'anja')).toBe('responses-replaced');
    const dropDecision = client(roomDoc).change((d) => decisionsMap(d).delete('d1'));
    expect(send(roomDoc, dropDecision, 'anja')).toBe('decision-deleted');
    // Deleting one's own response is one's own business.
    const deleteOwn = client(roomDoc).change((d) => responses(d).delete(responseKey('anja', 1)));
    expect(send(roomDoc, deleteOwn, 'anja')).toBeNull();
  });

  it('refuses replacing the responses map or a whole decision', () => {
    const roomDoc = room();
    const replaceResponses = client(roomDoc).change((d) => (decisionsMap(d).get('d1') as Y.Map<unknown>).set('responses', new Y.Map()));
    expect(send(roomDoc, replaceResponses, 'anja')).toBe('responses-replaced');
    const replaceDecision = client(roomDoc).change((d) => decisionsMap(d).set('d1', new Y.Map()));
    expect(send(roomDoc, replaceDecision, 'anja')).toBe('decision-replaced');
  });

  it('refuses another member\'s response planted in a new decision in the same update', () => {
    const roomDoc = room();
    const planted = client(roomDoc).change((d) => {
      addDecision(d, { id: 'd9', title: 'Snel erdoor', proposedBy: 'anja', at: AT });
      respond(d, 'd9', 'bram', 'eens', '', AT);
    });
    expect(send(roomDoc, planted, 'anja')).toBe('response-of-other-member');
    expect(decisionsMap(roomDoc).has('d9')).toBe(false);
  });

  it('refuses an update that refers to items the room does not hold, and deletes of future items', () => {
    const roomDoc = room();
    const anja = client(roomDoc);
    anja.change((d) => addDecision(d, { id: 'd9', title: 'Eerst', proposedBy: 'anja', at: AT }));
    const dependent = anja.change((d) => respond(d, 'd9', 'anja', 'eens', '', AT));
    expect(send(roomDoc, dependent, 'anja')).toBe('unknown-reference');

    // A delete for a range the room does not hold yet would wait for someone's next response.
    const someone = [...roomDoc.store.clients.keys()][0]!;
    const held = Y.getState(roomDoc.store, someone);
    expect(send(roomDoc, deleteOnly(someone, held + 5, 3), 'anja')).toBe('unknown-reference');
    // The same shape for held items is judged by what they are (here: Anja's own response and more).
    expect(consentViolation(DOC, roomDoc, deleteOnly(someone, 0, held), 'anja')).not.toBe('unknown-reference');
  });

  it('refuses a crafted cycle of items that point at each other', () => {
    const roomDoc = room();
    // Two map entries of client 99, each claiming the other as its left neighbour.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // one client
    encoding.writeVarUint(encoder, 2); // two structs
    encoding.writeVarUint(encoder, 99); // client
    encoding.writeVarUint(encoder, 0); // first clock
    for (const originClock of [1, 0]) {
      encoding.writeUint8(encoder, 0x80 | 8); // has origin, content "any"
      encoding.writeVarUint(encoder, 99);
      encoding.writeVarUint(encoder, originClock);
      encoding.writeVarUint(encoder, 1);
      encoding.writeAny(encoder, { kind: 'eens' });
    }
    encoding.writeVarUint(encoder, 0); // no deletes
    expect(consentViolation(DOC, roomDoc, encoding.toUint8Array(encoder), 'anja')).toBe('unknown-reference');
  });

  it('leaves other documents alone', () => {
    const roomDoc = room();
    const forged = client(roomDoc).change((d) => respond(d, 'd1', 'bram', 'eens', '', AT));
    expect(consentViolation('plan-123', roomDoc, forged, 'anja')).toBeNull();
    expect(consentViolation('actions-w1', roomDoc, forged, 'anja')).toBeNull();
  });
});

/** A v1 update that holds only a delete set with one range of `client` (no structs). */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // clients with structs
  encoding.writeVarUint(encoder, 1); // clients with deletes
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1); // ranges
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, len);
  return encoding.toUint8Array(encoder);
}
