/**
 * At SIGTERM the server folds each open document's log into its snapshot, so
 * the next start reads one snapshot and answers a fresh client with it as it is.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../server/storage/sqlite.ts';
import { connectClient, createWorkspace } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('restart after SIGTERM', () => {
  const running: TestServer[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });

  it('compacts open documents at shutdown, and a fresh client gets every edit after the restart', async () => {
    const server = await startServer();
    running.push(server);
    const { workspaceId, token } = await createWorkspace(server);
    const typist = await connectClient({ server, workspaceId, docId: 'verslag', token });
    const reader = await connectClient({ server, workspaceId, docId: 'verslag', token });
    await Promise.all([typist.synced, reader.synced]);
    const words = Array.from({ length: 20 }, (_, i) => `woord${i} `);
    for (const word of words) {
      typist.doc.getText('t').insert(typist.doc.getText('t').length, word);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const expected = words.join('');
    await expect.poll(() => reader.doc.getText('t').toString(), { timeout: 10_000 }).toBe(expected);
    // Far below the compaction threshold: only the shutdown compacts.
    expect(server.logs.filter((line) => line.msg === 'compacted')).toHaveLength(0);
    await server.stop({ keepData: true });
    typist.destroy();
    reader.destroy();
    expect(server.logs.some((line) => line.msg === 'compacted at shutdown')).toBe(true);

    const db = new Database(sqliteFilePath(server.dataDir), { readonly: true });
    const lastSeq = db
      .prepare('SELECT max(seq) FROM document_updates WHERE workspace_id = ? AND doc_id = ?')
      .pluck()
      .get(workspaceId, 'verslag') as number;
    const snapshotSeq = db
      .prepare('SELECT snapshot_seq FROM document_snapshots WHERE workspace_id = ? AND doc_id = ?')
      .pluck()
      .get(workspaceId, 'verslag') as number | undefined;
    db.close();
    expect(snapshotSeq).toBe(lastSeq);

    const restarted = await startServer({ dataDir: server.dataDir });
    running.push(restarted);
    const fresh = await connectClient({ server: restarted, workspaceId, docId: 'verslag', token });
    try {
      await fresh.synced;
      expect(fresh.doc.getText('t').toString()).toBe(expected);
    } finally {
      fresh.destroy();
    }
  });
});
