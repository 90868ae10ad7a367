/**
 * Co-editing through the real server process with stock y-websocket clients:
 * convergence, presence, and the room lifecycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, createWorkspace } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('collaboration', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { ROOM_UNLOAD_AFTER_MS: '300' } });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('makes ten clients converge after concurrent edits', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const clients = await Promise.all(
      Array.from({ length: 10 }, () => connectClient({ server, workspaceId, docId: 'samen', token })),
    );
    try {
      await Promise.all(clients.map((client) => client.synced));
      const random = seededRandom(42);
      const expectedWords: string[] = [];
      for (let round = 0; round < 5; round++) {
        clients.forEach((client, index) => {
          const text = client.doc.getText('t');
          const word = `[${index}.${round}]`;
          expectedWords.push(word);
          // At either end, so that no word lands inside another and each can be found whole.
          text.insert(random() < 0.5 ? 0 : text.length, word);
        });
      }
      await expect
        .poll(() => new Set(clients.map((client) => client.doc.getText('t').toString())).size, { timeout: 10_000 })
        .toBe(1);
      const final = clients[0]!.doc.getText('t').toString();
      for (const word of expectedWords) expect(final).toContain(word);
      expect(final.length).toBe(expectedWords.join('').length);
    } finally {
      for (const client of clients) client.destroy();
    }
  });

  it('relays presence with the member the server knows, and removes it when the connection closes', async () => {
    const { workspaceId, token, memberId } = await createWorkspace(server, 'Westenwind', { name: 'Fatima', role: 'resident' });
    const fatima = await connectClient({ server, workspaceId, docId: 'notulen', token });
    const observer = await connectClient({ server, workspaceId, docId: 'notulen', token });
    try {
      await Promise.all([fatima.synced, observer.synced]);
      fatima.provider.awareness.setLocalStateField('user', { name: 'Fatima', color: '#2a6f97' });
      fatima.provider.awareness.setLocalStateField('member', { id: 'x', name: 'De Wethouder', role: 'professional' });
      const fatimaId = fatima.doc.clientID;
      await expect
        .poll(() => observer.provider.awareness.getStates().get(fatimaId)?.member, { timeout: 5000 })
        .toEqual({ id: memberId, name: 'Fatima', role: 'resident', access: 'edit' });
      expect(observer.provider.awareness.getStates().get(fatimaId)?.user).toEqual({ name: 'Fatima', color: '#2a6f97' });

      fatima.destroy();
      // Well before y-protocols' 30 s timeout: the server sends the removal at once.
      await expect.poll(() => observer.provider.awareness.getStates().has(fatimaId), { timeout: 3000 }).toBe(false);
    } finally {
      fatima.destroy();
      observer.destroy();
    }
  });

  it('unloads a room after its last connection left, and loads it again with its content', async () => {
    const { workspaceId, token } = await createWorkspace(server);
    const writer = await connectClient({ server, workspaceId, docId: 'tijdelijk', token });
    await writer.synced;
    writer.doc.getText('t').insert(0, 'blijft bewaard');
    await expect.poll(async () => (await json(await fetch(`${server.url}/healthz`))).connections).toBeGreaterThan(0);
    const roomsWhileOpen = (await json(await fetch(`${server.url}/healthz`))).rooms as number;
    writer.destroy();
    await expect
      .poll(async () => (await json(await fetch(`${server.url}/healthz`))).rooms, { timeout: 5000 })
      .toBeLessThan(roomsWhileOpen);

    const reader = await connectClient({ server, workspaceId, docId: 'tijdelijk', token });
    try {
      await reader.synced;
      expect(reader.doc.getText('t').toString()).toBe('blijft bewaard');
    } finally {
      reader.destroy();
    }
  });
});
