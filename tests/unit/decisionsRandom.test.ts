/**
 * Seeded random meetings: three members edit one decision list at once through
 * a room copy that checks every update with the server's consent guard before
 * applying it, and updates reach the others in a random order and at random
 * moments. Checks that (1) the guard never refuses what the schema's writers
 * produce, however concurrent, (2) every copy converges, and (3) nobody's voice
 * is lost: each member's last response in each round is the one everybody reads.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { consentViolation } from '../../server/sync/consentGuard.ts';
import { canTake, type ConsentMember } from '../../shared/schema/consent.ts';
import {
  addDecision,
  readDecisions,
  rejectDecision,
  respond,
  reviseProposal,
  startReview,
  takeDecision,
  withdrawObjection,
  type ResponseKind,
} from '../../shared/schema/decisions.ts';

const DOC = 'decisions-w1';
const MEMBERS: ConsentMember[] = ['anja', 'bram', 'cor'].map((id) => ({ id, name: id, access: 'edit' }));

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Peer {
  memberId: string;
  doc: Y.Doc;
  /** Updates from the room not yet delivered to this peer. */
  inbox: Uint8Array[];
  /** This peer's own updates not yet sent to the room. */
  outbox: Uint8Array[];
  /** The member's own last response per decision and round, as written. */
  written: Map<string, { kind: ResponseKind; note: string; withdrawn: boolean }>;
}

function runMeeting(seed: number): { refusals: string[]; peers: Peer[]; room: Y.Doc } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const room = new Y.Doc();
  const refusals: string[] = [];
  const peers: Peer[] = MEMBERS.map((member) => {
    const doc = new Y.Doc();
    const peer: Peer = { memberId: member.id, doc, inbox: [], outbox: [], written: new Map() };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'room') peer.outbox.push(update);
    });
    return peer;
  });
  const deliverToRoom = (peer: Peer): void => {
    const update = peer.outbox.shift();
    if (!update) return;
    const violation = consentViolation(DOC, room, update, peer.memberId);
    if (violation) {
      refusals.push(violation);
      return;
    }
    Y.applyUpdate(room, update);
    for (const other of peers) if (other !== peer) other.inbox.push(update);
  };
  const deliverToPeer = (peer: Peer): void => {
    const update = peer.inbox.shift();
    if (update) Y.applyUpdate(peer.doc, update, 'room');
  };

  let counter = 0;
  for (let step = 0; step < 400; step++) {
    const peer = pick(peers);
    const roll = random();
    if (roll < 0.3) deliverToRoom(peer);
    else if (roll < 0.55) deliverToPeer(peer);
    else {
      const decisions = readDecisions(peer.doc);
      const at = `2026-11-25T10:${String(step % 60).padStart(2, '0')}:00.000Z`;
      const action = random();
      if (decisions.length === 0 || action < 0.08) {
        addDecision(peer.doc, { id: `d${seed}-${counter++}`, title: `Voorstel ${counter}`, proposedBy: peer.memberId, at });
        continue;
      }
      const decision = pick(decisions);
      if (action < 0.55) {
        const kind = pick(['eens', 'bedenkingen', 'bezwaar'] as const);
        const note = kind === 'eens' ? '' : `reden ${step}`;
        if (respond(peer.doc, decision.id, peer.memberId, kind, note, at)) {
          peer.written.set(`${decision.id}/${readDecisions(peer.doc).find((d) => d.id === decision.id)!.round}`, { kind, note, withdrawn: false });
        }
      } else if (action < 0.65) {
        const round = decision.round;
        if (withdrawObjection(peer.doc, decision.id, peer.memberId, at)) peer.written.get(`${decision.id}/${round}`)!.withdrawn = true;
      } else if (action < 0.75) {
        reviseProposal(peer.doc, decision.id, random() < 0.5 ? { title: `Gewijzigd ${step}` } : {}, peer.memberId, at);
      } else if (action < 0.85) {
        if (canTake(decision, MEMBERS)) takeDecision(peer.doc, decision.id, peer.memberId, at, '2026-11-25');
      } else if (action < 0.92) {
        rejectDecision(peer.doc, decision.id, peer.memberId, at);
      } else {
        startReview(peer.doc, decision.id, peer.memberId, at);
      }
    }
  }
  // The meeting ends: everything still on its way arrives.
  while (peers.some((p) => p.outbox.length > 0 || p.inbox.length > 0)) {
    for (const peer of peers) {
      deliverToRoom(peer);
      deliverToPeer(peer);
    }
  }
  return { refusals, peers, room };
}

describe('random concurrent meetings', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: the guard accepts every honest update, all copies converge, no voice is lost`, () => {
      const { refusals, peers, room } = runMeeting(seed);
      expect(refusals).toEqual([]);
      const expected = JSON.stringify(readDecisions(room));
      for (const peer of peers) expect(JSON.stringify(readDecisions(peer.doc))).toBe(expected);
      const decisions = readDecisions(room);
      expect(decisions.length).toBeGreaterThan(0);
      let responses = 0;
      for (const peer of peers) {
        for (const [key, written] of peer.written) {
          const slash = key.lastIndexOf('/');
          const decision = decisions.find((d) => d.id === key.slice(0, slash))!;
          const stored = decision.responses.find((r) => r.memberId === peer.memberId && r.round === Number(key.slice(slash + 1)));
          expect(stored).toMatchObject({ kind: written.kind, note: written.note });
          expect(stored!.withdrawnAt !== undefined).toBe(written.withdrawn);
          responses++;
        }
      }
      expect(responses).toBeGreaterThan(10);
      for (const decision of decisions) {
        expect(decision.round).toBe(Math.max(...decision.rounds.map((r) => r.round)));
      }
    });
  }
});
