/**
 * A seeded random meeting through the real server: three members with stock
 * y-websocket clients change one decision list at once, and now and then one
 * of them drops off, keeps working offline, and comes back (its edits then
 * arrive as the sync step 2 of the new connection). The server's consent
 * guard must never refuse any of it, every copy must converge, and each
 * member's last response in each round must be the one everybody reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
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
import { decisionsDocId } from '../../shared/schema/listDocuments.ts';
import { addMember, connectClient, createWorkspace, POLL, type CollabClient } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lets the sockets deliver what is waiting; not a timed sleep. */
const yieldToSockets = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a random meeting through the real server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('the guard refuses nothing honest, even after offline work; all converge; no voice is lost', async () => {
    const random = seededRandom(2026);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const anja = await createWorkspace(server, 'Westenwind', { name: 'Anja', role: 'resident' });
    const others = [
      await addMember(server, anja.workspaceId, anja.token, 'edit', { name: 'Bram', role: 'professional' }),
      await addMember(server, anja.workspaceId, anja.token, 'edit', { name: 'Cor', role: 'resident' }),
    ];
    const people = [anja, ...others];
    const members: ConsentMember[] = people.map((p) => ({ id: p.memberId, name: p.memberId, access: 'edit' }));
    const docId = decisionsDocId(newId())!;
    const clients: CollabClient[] = people.map((p) => connectClient({ server, workspaceId: anja.workspaceId, docId, token: p.token }));
    const written = new Map<string, { kind: ResponseKind; note: string; withdrawn: boolean }>();
    try {
      await Promise.all(clients.map((c) => c.synced));
      let counter = 0;
      for (let step = 0; step < 300; step++) {
        const index = Math.floor(random() * clients.length);
        const client = clients[index]!;
        const memberId = people[index]!.memberId;
        const roll = random();
        if (roll < 0.05) {
          if (client.provider.wsconnected) client.provider.disconnect();
          else client.provider.connect();
          continue;
        }
        if (roll < 0.35) {
          await yieldToSockets();
          continue;
        }
        const doc = client.doc;
        const at = new Date(Date.UTC(2026, 10, 25, 10, 0, step)).toISOString();
        const decisions = readDecisions(doc);
        if (decisions.length === 0 || roll < 0.42) {
          addDecision(doc, { id: `d${counter++}-${index}`, title: `Voorstel ${counter}`, proposedBy: memberId, at });
          continue;
        }
        const decision = pick(decisions);
        const action = random();
        if (action < 0.5) {
          const kind = pick(['eens', 'bedenkingen', 'bezwaar'] as const);
          const note = kind === 'eens' ? '' : `reden ${step}`;
          if (respond(doc, decision.id, memberId, kind, note, at)) written.set(`${memberId}|${decision.id}|${decision.round}`, { kind, note, withdrawn: false });
        } else if (action < 0.6) {
          if (withdrawObjection(doc, decision.id, memberId, at)) written.get(`${memberId}|${decision.id}|${decision.round}`)!.withdrawn = true;
        } else if (action < 0.72) {
          reviseProposal(doc, decision.id, random() < 0.5 ? { title: `Gewijzigd ${step}` } : {}, memberId, at);
        } else if (action < 0.84) {
          if (canTake(decision, members)) takeDecision(doc, decision.id, memberId, at, '2026-11-25');
        } else if (action < 0.92) {
          rejectDecision(doc, decision.id, memberId, at);
        } else {
          startReview(doc, decision.id, memberId, at);
        }
      }
      for (const client of clients) if (!client.provider.wsconnected) client.provider.connect();

      await expect.poll(() => new Set(clients.map((c) => JSON.stringify(readDecisions(c.doc)))).size, { ...POLL, timeout: 20_000 }).toBe(1);
      expect(clients.flatMap((c) => c.closes.filter((close) => close.code >= 4400))).toEqual([]);
      expect(server.logs.filter((line) => line.msg.startsWith('consent data of another member refused'))).toEqual([]);

      const decisions = readDecisions(clients[0]!.doc);
      expect(written.size).toBeGreaterThan(20);
      for (const [key, response] of written) {
        const [memberId, decisionId, round] = key.split('|');
        const stored = decisions
          .find((d) => d.id === decisionId)!
          .responses.find((r) => r.memberId === memberId && r.round === Number(round));
        expect(stored).toMatchObject({ kind: response.kind, note: response.note });
        expect(stored!.withdrawnAt !== undefined).toBe(response.withdrawn);
      }
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
