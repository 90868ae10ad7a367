/**
 * The only place in the client that creates a collaboration provider. One room
 * is one Yjs document of one workspace, reached at `/collab/<workspaceId>/<docId>`
 * on the page's own host; the browser's session cookie authenticates it.
 *
 * Every room is also kept on this device (y-indexeddb), under a name that
 * includes the member id, so two people who share a computer never see each
 * other's cached documents, and a visited document opens without a network.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { stampCaretIdentity } from './caretIdentity.ts';
import { SaveTracker } from './saveTracker.ts';

export interface CollabRoom {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly saves: SaveTracker;
  /** Resolves once the device's own copy is loaded; true when it held anything. */
  readonly localCopy: Promise<boolean>;
  destroy(): void;
}

function collabUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/collab`;
}

/** The IndexedDB database of one member's copy of one document. */
export function cacheName(memberId: string, workspaceId: string, docId: string): string {
  return `samenspel:${memberId}:${roomName(workspaceId as WorkspaceId, docId as DocId).key}`;
}

export function openRoom(
  workspaceId: WorkspaceId,
  docId: DocId,
  memberId: string,
  unknownName: () => string,
): CollabRoom {
  const doc = new Y.Doc();
  const cache = new IndexeddbPersistence(cacheName(memberId, workspaceId, docId), doc);
  const provider = new WebsocketProvider(collabUrl(), roomName(workspaceId, docId).key, doc, {
    // Tabs must not sync past the server: what a view-only member types would
    // otherwise reach another tab, and the connection state would lie.
    disableBc: true,
    connect: false,
  });
  const saves = new SaveTracker(doc, provider);
  // Before anything else listens to awareness (see caretIdentity.ts).
  const unstamp = stampCaretIdentity(provider.awareness, unknownName);
  // Connect once the local copy is in the doc, so the first sync sends only what the server lacks.
  const localCopy = cache.whenSynced.then(
    () => Y.encodeStateVector(doc).length > 1,
    () => false, // no IndexedDB (private mode): the server's copy is enough
  );
  let destroyed = false;
  void localCopy.then(() => {
    if (!destroyed) provider.connect();
  });
  return {
    doc,
    provider,
    saves,
    localCopy,
    destroy() {
      destroyed = true;
      unstamp();
      saves.destroy();
      provider.destroy();
      void cache.destroy();
      doc.destroy();
    },
  };
}
