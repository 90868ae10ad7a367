/**
 * Several server processes on one PostgreSQL database and Redis (issue 5):
 * stock y-websocket clients spread over three processes co-edit as if on one
 * server, presence crosses, a removed member is cut off everywhere, two
 * processes compact one document at once, and Redis going away (restarted for
 * every process, lost by one process, or paused) costs nothing.
 *
 * Faults that need a cluster of their own (a killed process, a dropped
 * message) are in clusterFaults.test.ts.
 */
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgresMigrations.ts';
import { startCluster, type Cluster } from '../helpers/cluster.ts';
import {
  addMember,
  apiRequest,
  connectClient,
  createWorkspace,
  peerStates,
  rawSocket,
  collabPath,
  type CollabClient,
  type ServerAddress,
} from '../helpers/collab.ts';
import { REDIS_URL, requireServices } from '../helpers/services.ts';

const services = await requireServices(['postgres', 'redis']);

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

const text = (client: CollabClient) => client.doc.getText('t').toString();

/** Appends `<prefix-i>` to the client's text every few ms until stopped; returns every marker typed. */
function startTyping(client: CollabClient, prefix: string, everyMs = 4) {
  const typed: string[] = [];
  const timer = setInterval(() => {
    const marker = `<${prefix}-${typed.length}>`;
    typed.push(marker);
    const t = client.doc.getText('t');
    t.insert(t.length, marker);
  }, everyMs);
  return {
    typed,
    stop() {
      clearInterval(timer);
      return typed;
    },
  };
}

/** Every marker present exactly once in every client, and all clients hold the same text. */
async function expectConverged(clients: CollabClient[], markers: string[], timeout = 15_000): Promise<void> {
  await expect
    .poll(() => new Set(clients.map(text)).size === 1 && markers.every((m) => text(clients[0]!).includes(m)), {
      timeout,
      interval: 25,
    })
    .toBe(true);
  const final = text(clients[0]!);
  for (const marker of markers) expect(final.split(marker).length - 1, marker).toBe(1);
}

function logsSince(cluster: Cluster, index: number, mark: number, msg: string) {
  return cluster.nodes[index]!.logs.slice(mark).filter((line) => line.msg === msg);
}

describe.skipIf(!services.available)(`three server processes${services.skipNote}`, () => {
  let cluster: Cluster;
  let node: (index: number) => ServerAddress;
  const clients: CollabClient[] = [];

  function connect(server: ServerAddress, workspaceId: string, docId: string, token: string): CollabClient {
    const client = connectClient({ server, workspaceId, docId, token });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    // debug: the 'head announced' lines tell a test when the quiet-period announcement has gone out.
    cluster = await startCluster({ processes: 3, env: { COMPACT_AFTER_UPDATES: '25', LOG_LEVEL: 'debug' } });
    node = (index) => cluster.nodes[index]!;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('migrated the new database once although all three processes started at the same moment', async () => {
    const db = new pg.Client({ connectionString: cluster.database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      // Each migration exactly once: a second run would have left a duplicate or failed on its own DDL.
      expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
    } finally {
      await db.end();
    }
  });

  it('makes nine clients spread over three processes converge after concurrent edits', async () => {
    const { workspaceId, token } = await createWorkspace(node(0));
    const spread = Array.from({ length: 9 }, (_, i) => connect(node(i % 3), workspaceId, 'samen', token));
    await Promise.all(spread.map((client) => client.synced));
    const random = seededRandom(5);
    const words: string[] = [];
    for (let round = 0; round < 6; round++) {
      spread.forEach((client, index) => {
        const t = client.doc.getText('t');
        const word = `[${index}.${round}]`;
        words.push(word);
        t.insert(random() < 0.5 ? 0 : t.length, word);
      });
    }
    await expectConverged(spread, words);
    expect(text(spread[0]!).length).toBe(words.join('').length);
  });

  it('relays presence across processes with the member the server knows, shows it to a later joiner at once, and removes it when the connection closes', async () => {
    const { workspaceId, token, memberId } = await createWorkspace(node(0), 'Zuid Doet Samen', {
      name: 'Fatima',
      role: 'resident',
    });
    const fatima = connect(node(0), workspaceId, 'notulen', token);
    const onSecond = connect(node(1), workspaceId, 'notulen', token);
    await Promise.all([fatima.synced, onSecond.synced]);
    fatima.awareness.setLocalStateField('user', { name: 'Fatima', color: '#2a6f97' });
    fatima.awareness.setLocalStateField('member', { id: 'x', name: 'De Wethouder', role: 'professional' });
    const fatimaId = fatima.doc.clientID;
    const stamped = { id: memberId, name: 'Fatima', role: 'resident', access: 'edit' };
    await expect.poll(() => peerStates(onSecond).get(fatimaId)?.member, { timeout: 5000 }).toEqual(stamped);
    expect(peerStates(onSecond).get(fatimaId)?.user).toEqual({ name: 'Fatima', color: '#2a6f97' });

    // The third process opens the room only now: it asks the others, instead of waiting for a renewal (15 s).
    const onThird = connect(node(2), workspaceId, 'notulen', token);
    await onThird.synced;
    await expect.poll(() => peerStates(onThird).get(fatimaId)?.member, { timeout: 3000 }).toEqual(stamped);

    fatima.destroy();
    // Well before y-protocols' 30 s timeout: the owning process publishes the removal.
    await expect.poll(() => peerStates(onSecond).has(fatimaId), { timeout: 3000 }).toBe(false);
    await expect.poll(() => peerStates(onThird).has(fatimaId), { timeout: 3000 }).toBe(false);
  });

  it('closes a removed member’s connections on every process at once, and none of them can come back', async () => {
    const { workspaceId, token } = await createWorkspace(node(0));
    const erik = await addMember(node(0), workspaceId, token, 'edit', { name: 'Erik', role: 'professional' });
    const sockets = [0, 1, 2].map((i) => rawSocket(node(i), collabPath(workspaceId, 'plan'), { token: erik.token }));
    await Promise.all(sockets.map((socket) => socket.opened()));
    const anna = connect(node(2), workspaceId, 'plan', token);
    await anna.synced;

    // Removed through process 1; processes 0 and 2 hear it through Redis.
    const removal = await apiRequest(node(1), 'DELETE', `/api/workspaces/${workspaceId}/members/${erik.memberId}`, {
      token,
    });
    expect(removal.status).toBe(204);
    const closes = await Promise.all(sockets.map((socket) => socket.closed));
    expect(closes.map((close) => close.code)).toEqual([CloseCode.accessRevoked, CloseCode.accessRevoked, CloseCode.accessRevoked]);
    for (const i of [0, 1, 2]) {
      expect(await rawSocket(node(i), collabPath(workspaceId, 'plan'), { token: erik.token }).refused()).toBe(401);
    }
    // Everyone else is untouched.
    expect(anna.closes).toEqual([]);
    expect(
      (await apiRequest(node(0), 'DELETE', `/api/workspaces/${workspaceId}/members/${erik.memberId}`, { token })).status,
    ).toBe(404);
  });

  it('lets two processes compact the same document while both keep appending, losing nothing', async () => {
    const { workspaceId, token } = await createWorkspace(node(0));
    const docId = 'gedeeld';
    const a = connect(node(0), workspaceId, docId, token);
    const b = connect(node(1), workspaceId, docId, token);
    await Promise.all([a.synced, b.synced]);
    const marks = [0, 1].map(() => cluster.nodes.map((n) => n.logs.length));
    const typingA = startTyping(a, 'a', 3);
    const typingB = startTyping(b, 'b', 3);
    const compactions = (index: number) =>
      logsSince(cluster, index, marks[0]![index]!, 'compacted').filter((line) => line.room === `${workspaceId}/${docId}`).length;
    // COMPACT_AFTER_UPDATES is 25: both processes compact several times while both type.
    await expect.poll(() => compactions(0) >= 3 && compactions(1) >= 3, { timeout: 15_000, interval: 25 }).toBe(true);
    const typed = [...typingA.stop(), ...typingB.stop()];
    await expectConverged([a, b], typed);

    // What storage holds (snapshot + the log after it), read by a fresh process's room, is all of it.
    const reader = connect(node(2), workspaceId, docId, token);
    await reader.synced;
    await expectConverged([a, b, reader], typed);
  });

  it('when Redis goes away for every process mid-typing, each keeps serving its own clients, and all converge once it is back', async () => {
    const { workspaceId, token } = await createWorkspace(node(0));
    const docId = 'herstart';
    const [a1, a2, b1, c1] = [node(0), node(0), node(1), node(2)].map((server) => connect(server, workspaceId, docId, token));
    const all = [a1!, a2!, b1!, c1!];
    await Promise.all(all.map((client) => client.synced));
    const typing = [startTyping(a1!, 'a1'), startTyping(b1!, 'b1'), startTyping(c1!, 'c1')];
    await expect.poll(() => text(c1!).includes('<a1-5>') && text(a1!).includes('<c1-5>'), { timeout: 5000 }).toBe(true);

    for (const link of cluster.redisLinks) link.cut();
    const duringOutage = `<a1-${typing[0]!.typed.length + 20}>`;
    // Two clients of one process still co-edit: storage is there, only the fan-out is not.
    await expect.poll(() => text(a2!).includes(duringOutage), { timeout: 5000 }).toBe(true);
    for (const link of cluster.redisLinks) link.restore();

    await expect.poll(() => text(b1!).includes(duringOutage), { timeout: 10_000 }).toBe(true);
    const typed = typing.flatMap((t) => t.stop());
    await expectConverged(all, typed);
  });

  it('when one process loses Redis, it and the others catch up from storage once it is back, though nobody types any more', async () => {
    const { workspaceId, token } = await createWorkspace(node(0));
    // Two documents, one per direction: what the cut-off process wrote, and what it missed.
    const [fromCut, toCut] = ['van-0', 'naar-0'].map((docId) => ({
      docId,
      onCut: connect(node(0), workspaceId, docId, token),
      onLinked: connect(node(1), workspaceId, docId, token),
    }));
    await Promise.all([fromCut, toCut].flatMap((pair) => [pair!.onCut.synced, pair!.onLinked.synced]));
    const mark = cluster.nodes.map((n) => n.logs.length);
    const announced = (index: number, docId: string) =>
      logsSince(cluster, index, mark[index]!, 'head announced').some((line) => line.room === `${workspaceId}/${docId}`);

    cluster.redisLinks[0]!.cut();
    fromCut!.onCut.doc.getText('t').insert(0, '<geschreven op 0>');
    toCut!.onLinked.doc.getText('t').insert(0, '<gemist door 0>');
    // Both edits are stored, but cannot cross. Keep Redis away until both processes have made their
    // quiet-period head announcements (lost, or unheard), so that only the reconnect can heal this.
    await expect.poll(() => announced(0, fromCut!.docId) && announced(1, toCut!.docId), { timeout: 5000 }).toBe(true);
    expect(logsSince(cluster, 0, mark[0]!, 'lost the connection to Redis; serving local clients only until it is back')).toHaveLength(1);
    expect(text(fromCut!.onLinked)).toBe('');
    expect(text(toCut!.onCut)).toBe('');
    cluster.redisLinks[0]!.restore();

    // Process 1 hears process 0's head announcement after the reconnect; process 0 catches up by itself.
    await expectConverged([fromCut!.onCut, fromCut!.onLinked], ['<geschreven op 0>']);
    await expectConverged([toCut!.onCut, toCut!.onLinked], ['<gemist door 0>']);
    expect(logsSince(cluster, 0, mark[0]!, 'caught up from storage').length).toBeGreaterThan(0);
    expect(logsSince(cluster, 1, mark[1]!, 'caught up from storage').length).toBeGreaterThan(0);
  });

  it('rides out Redis pausing every client mid-typing', async () => {
    const { workspaceId, token } = await createWorkspace(node(0));
    const a = connect(node(0), workspaceId, 'pauze', token);
    const b = connect(node(1), workspaceId, 'pauze', token);
    await Promise.all([a.synced, b.synced]);
    const typing = [startTyping(a, 'a'), startTyping(b, 'b')];
    await expect.poll(() => text(b).includes('<a-5>'), { timeout: 5000 }).toBe(true);

    const admin = new Redis(REDIS_URL);
    const pausedAt = typing.map((t) => t.typed.length);
    try {
      await admin.call('CLIENT', 'PAUSE', '1000', 'WRITE');
      // A publish waits out the pause like the servers' publishes do; both keep typing meanwhile.
      const probe = new Redis(REDIS_URL);
      await probe.publish(`${cluster.channelPrefix}probe`, 'x');
      probe.disconnect();
    } finally {
      await admin.call('CLIENT', 'UNPAUSE');
      admin.disconnect();
    }
    for (const [i, t] of typing.entries()) expect(t.typed.length - pausedAt[i]!).toBeGreaterThan(50);
    const typed = typing.flatMap((t) => t.stop());
    await expectConverged([a, b], typed);
  });
});
