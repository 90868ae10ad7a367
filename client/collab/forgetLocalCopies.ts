/**
 * This browser keeps an offline copy of every document it opened, one
 * IndexedDB database per member and document (openRoom.ts, cacheName). After
 * leaving a workspace or deleting it, those copies must go too: otherwise the
 * text would stay on the device of someone who asked to be forgotten.
 */
import { roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';

/** Deletes every offline copy of the workspace's documents in this browser; resolves with how many. */
export async function forgetLocalCopies(workspaceId: string): Promise<number> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return 0;
  const marker = `:${roomName(workspaceId as WorkspaceId, '' as DocId).key}`;
  const names = (await indexedDB.databases())
    .map((database) => database.name ?? '')
    .filter((name) => name.startsWith('samenspel:') && name.includes(marker));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          // A copy still open elsewhere (another tab) is deleted once that tab lets go; do not wait.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
  return names.length;
}
