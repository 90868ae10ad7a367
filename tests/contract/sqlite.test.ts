import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import { describeStorageContract } from './storageContract.ts';

describeStorageContract('SQLite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samenspel-contract-'));
  const storage = await openSqliteStorage({ dataDir }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
