import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import { describeWorkspaceDataContract } from './workspaceDataContract.ts';

describeWorkspaceDataContract('SQLite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samenspel-wsdata-'));
  const storage = await openSqliteStorage({ dataDir });
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
