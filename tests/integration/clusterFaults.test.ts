/**
 * Faults that need a cluster of their own (see cluster.test.ts for the rest):
 * a process killed with SIGKILL mid-typing, whose clients move to another
 * process through the load balancer, and fan-out messages that never arrive,
 * healed from storage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../server/storage/postgres.ts';
import { startCluster, type Cluster } from '../helpers/cluster.ts';
import { connectClient, createWorkspace, type CollabClient } from '../helpers/collab.ts';
import { requireServices } from '../helpers/services.ts';

const services = await requireServices(['postgres', 'redis']);

const text = (client: CollabClient) => client.doc.getText('t').toString();

function append(client: CollabClient, marker: string): void {
  const t = client.doc.getText('t');
  t.insert(t.length, marker);
}

describe.skipIf(!services.available)(`faults in a cluster${services.skipNote}`, () => {
  let cluster: Cluster | null = null;
  const clients: CollabClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.stop();
    cluster = null;
  });

  it('loses nothing when a process is killed with SIGKILL mid-typing: its client moves to another process', async () => {
    // 'first': every new connection goes to the first live process, so the typist lands on process 0.
    cluster = await startCluster({ processes: 3, balancerOrder: 'first' });
    const [p0, p1, p2] = cluster.nodes;
    const { workspaceId, token } = await createWorkspace(p1!);
    const typist = connectClient({ server: cluster.balanced, workspaceId, docId: 'plan', token });
    const watchers = [p1!, p2!].map((server) => connectClient({ server, workspaceId, docId: 'plan', token }));
    clients.push(typist, ...watchers);
    await Promise.all([typist, ...watchers].map((client) => client.synced));
    expect(cluster.balancer.routed).toEqual([p0!.port]);

    const typed: string[] = [];
    const typing = setInterval(() => {
      typed.push(`<${typed.length}>`);
      append(typist, typed.at(-1)!);
    }, 4);
    try {
      await expect.poll(() => text(watchers[1]!).includes('<30>'), { timeout: 10_000 }).toBe(true);
      await p0!.kill();
      const killedAt = typed.length;
      // The typist goes on offline, reconnects through the balancer to process 1, and sends what it has.
      await expect.poll(() => text(watchers[1]!).includes(`<${killedAt + 30}>`), { timeout: 15_000 }).toBe(true);
      expect(cluster.balancer.routed.at(-1)).toBe(p1!.port);
    } finally {
      clearInterval(typing);
    }
    const all = [typist, ...watchers];
    await expect
      .poll(() => new Set(all.map(text)).size === 1 && typed.every((m) => text(watchers[0]!).includes(m)), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(text(typist)).toBe(typed.join(''));

    // And it is all in the database, not only in the processes' memory.
    const storage = await openPostgresStorage({ connectionString: cluster.database.url });
    try {
      const stored = await storage.loadDocument(workspaceId, 'plan');
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const { update } of stored.updates) Y.applyUpdate(doc, update);
      expect(doc.getText('t').toString()).toBe(typed.join(''));
    } finally {
      await storage.close();
    }
  });

  it('heals a dropped pub/sub message from storage: one in the middle, and the very last one', async () => {
    // Test-only fault injection: process 0 does not publish its 3rd and 8th document update.
    cluster = await startCluster({ processes: 2, envFor: (i): Record<string, string> => (i === 0 ? { FANOUT_TEST_DROP_UPDATES: '3,8' } : {}) });
    const [p0, p1] = cluster.nodes;
    const { workspaceId, token } = await createWorkspace(p0!);
    const writer = connectClient({ server: p0!, workspaceId, docId: 'besluiten', token });
    const reader = connectClient({ server: p1!, workspaceId, docId: 'besluiten', token });
    clients.push(writer, reader);
    await Promise.all([writer.synced, reader.synced]);
    const caughtUp = () => p1!.logs.filter((line) => line.msg === 'caught up from storage' && (line.updates as number) > 0);
    const dropped = () => p0!.logs.filter((line) => line.msg === 'TEST fault injection: update not published');

    // Update 3 is lost; update 4 does not link to what process 1 holds, so it reads the log back.
    for (let i = 1; i <= 5; i++) append(writer, `<${i}>`);
    await expect.poll(() => text(reader), { timeout: 5000 }).toBe('<1><2><3><4><5>');
    expect(dropped()).toHaveLength(1);
    expect(caughtUp()).toHaveLength(1);

    // Update 8 is lost and nothing follows it: process 0's head announcement, after a quiet second, reveals it.
    for (let i = 6; i <= 8; i++) append(writer, `<${i}>`);
    await expect.poll(() => text(reader), { timeout: 5000 }).toBe('<1><2><3><4><5><6><7><8>');
    expect(dropped()).toHaveLength(2);
    expect(caughtUp()).toHaveLength(2);
  });
});
