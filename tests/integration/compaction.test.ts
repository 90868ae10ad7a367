/**
 * The update log is merged into a snapshot once it grows past the threshold,
 * while clients keep typing, and loading starts from that snapshot afterwards.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../server/storage/sqlite.ts';
import { connectClient, createWorkspace } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('compaction', () => {
  const running: TestServer[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });

  it('compacts a growing log while people type, and a restart loads every edit from snapshot plus log', async () => {
    const server = await startServer({ env: { COMPACT_AFTER_UPDATES: '10' } });
    running.push(server);
    const { workspaceId, token } = await createWorkspace(server);
    const typist = await connectClient({ server, workspaceId, docId: 'notulen', token });
    const reader = await connectClient({ server, workspaceId, docId: 'notulen', token });
    await Promise.all([typist.synced, reader.synced]);

    const words = Array.from({ length: 60 }, (_, i) => `woord${i} `);
    for (const word of words) {
      typist.doc.getText('t').insert(typist.doc.getText('t').length, word);
      // One update per word, each its own commit: the log grows step by step.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const expected = words.join('');
    await expect.poll(() => reader.doc.getText('t').toString(), { timeout: 10_000 }).toBe(expected);
    await expect.poll(() => server.logs.filter((line) => line.msg === 'compacted').length).toBeGreaterThan(0);
    typist.destroy();
    reader.destroy();
    await server.stop({ keepData: true });

    const db = new Database(sqliteFilePath(server.dataDir), { readonly: true });
    const snapshot = db
      .prepare('SELECT snapshot_seq AS seq FROM document_snapshots WHERE workspace_id = ? AND doc_id = ?')
      .get(workspaceId, 'notulen') as { seq: number } | undefined;
    db.close();
    expect(snapshot?.seq).toBeGreaterThan(0);

    const restarted = await startServer({ dataDir: server.dataDir });
    running.push(restarted);
    const fresh = await connectClient({ server: restarted, workspaceId, docId: 'notulen', token });
    try {
      await fresh.synced;
      expect(fresh.doc.getText('t').toString()).toBe(expected);
    } finally {
      fresh.destroy();
    }
  });
});
