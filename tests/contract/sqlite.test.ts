import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import { describeStorageContract } from './storageContract.ts';

describeStorageContract('SQLite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samenspel-contract-'));
  const storage = await openSqliteStorage({ dataDir }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const peers: Storage[] = [];
  return {
    storage,
    async openPeer() {
      const peer = await openSqliteStorage({ dataDir });
      peers.push(peer);
      return peer;
    },
    cleanup: async () => {
      for (const peer of peers) await peer.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
