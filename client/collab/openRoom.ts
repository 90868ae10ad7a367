/**
 * The only place in the client that creates a collaboration provider. One room
 * is one Yjs document of one workspace, reached at `/collab/<workspaceId>/<docId>`
 * on the page's own host; the browser's session cookie authenticates it.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { stampCaretIdentity } from './caretIdentity.ts';

export interface CollabRoom {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  destroy(): void;
}

function collabUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/collab`;
}

export function openRoom(workspaceId: WorkspaceId, docId: DocId, unknownName: () => string): CollabRoom {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabUrl(), roomName(workspaceId, docId).key, doc, {
    // Tabs must not sync past the server: what a view-only member types would
    // otherwise reach another tab, and the connection state would lie.
    disableBc: true,
    connect: false,
  });
  // Before anything else listens to awareness (see caretIdentity.ts).
  const unstamp = stampCaretIdentity(provider.awareness, unknownName);
  provider.connect();
  return {
    doc,
    provider,
    destroy() {
      unstamp();
      provider.destroy();
      doc.destroy();
    },
  };
}
