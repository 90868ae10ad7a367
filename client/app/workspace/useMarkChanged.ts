import { useEffect } from 'react';
import type * as Y from 'yjs';
import { markDocumentChanged } from '../../../shared/schema/workspaceIndex.ts';
import type { CollabRoom } from '../../collab/openRoom.ts';

/** At most one "changed" note per person per document in this time. */
const EVERY_MS = 60_000;

/**
 * Notes in the index when this person changes a document's text, for "recently
 * changed" on the overview. Only changes typed here count (not what arrives
 * from others, not the offline cache loading).
 */
export function useMarkChanged(room: CollabRoom | null, index: Y.Doc | null, docId: string, myName: string, enabled: boolean): void {
  useEffect(() => {
    if (!room || !index || !enabled) return undefined;
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const note = (): void => {
      pending = null;
      last = Date.now();
      markDocumentChanged(index, docId, new Date(last).toISOString(), myName);
    };
    const onUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
      if (!transaction.local || origin === room.provider || pending) return;
      const wait = Math.max(0, last + EVERY_MS - Date.now());
      pending = setTimeout(note, wait);
    };
    room.doc.on('update', onUpdate);
    return () => {
      room.doc.off('update', onUpdate);
      if (pending) {
        clearTimeout(pending);
        note();
      }
    };
  }, [room, index, docId, myName, enabled]);
}
