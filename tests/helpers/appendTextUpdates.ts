/**
 * A second process writing to the same SQLite file, for the tests that check
 * what happens when two processes share it.
 *
 *   node --import tsx tests/helpers/appendTextUpdates.ts <dataDir> <workspaceId> <docId> <prefix> <count> [--kill]
 *
 * Appends <count> Yjs updates, one at a time, each inserting the marker
 * `<prefix-i>` at the end of the text 'body'. Prints "open" once the storage is
 * open and "done" once every append has resolved. With --kill it then ends
 * itself with SIGKILL, without closing anything, like a crashed server.
 */
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';

export function marker(prefix: string, index: number): string {
  return `<${prefix}-${index}>`;
}

async function main(argv: string[]): Promise<void> {
  const [dataDir, workspaceId, docId, prefix, countText, flag] = argv;
  const count = Number(countText);
  if (!dataDir || !workspaceId || !docId || !prefix || !Number.isInteger(count) || count < 0) {
    throw new Error('usage: appendTextUpdates.ts <dataDir> <workspaceId> <docId> <prefix> <count> [--kill]');
  }

  const storage = await openSqliteStorage({ dataDir });
  process.stdout.write('open\n');

  const doc = new Y.Doc();
  const text = doc.getText('body');
  for (let i = 0; i < count; i++) {
    const before = Y.encodeStateVector(doc);
    text.insert(text.length, marker(prefix, i));
    await storage.appendUpdate(workspaceId, docId, Y.encodeStateAsUpdate(doc, before), { memberId: prefix, at: Date.now() });
  }
  process.stdout.write('done\n');

  if (flag === '--kill') {
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  await storage.close();
}

// Only when run as a script; the tests import `marker` from here too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
