/** Builds a room's Y.Doc from storage: the snapshot, then the log after it. */
import * as Y from 'yjs';
import type { RoomName } from '../../shared/rooms.ts';
import type { DocumentStorage } from '../storage/Storage.ts';

/** The transaction origin of loading, so the room's update handler can tell it from a client's edit. */
export const LOAD_ORIGIN = Symbol('load');

export interface LoadedDoc {
  doc: Y.Doc;
  /** Updates in the log after the snapshot: how close the document is to its next compaction. */
  logLength: number;
  /** The doc holds every log entry up to this seq (0 for an empty document). */
  lastSeq: number;
  snapshotBytes: number;
  /** Bytes of the snapshot and the log after it: an upper bound of the document's encoded size. */
  storedBytes?: number;
}

export async function loadStoredDoc(storage: DocumentStorage, name: RoomName): Promise<LoadedDoc> {
  const stored = await storage.loadDocument(name.workspaceId, name.docId);
  const doc = new Y.Doc({ gc: true });
  try {
    Y.transact(
      doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
        for (const { update } of stored.updates) Y.applyUpdate(doc, update, LOAD_ORIGIN);
      },
      LOAD_ORIGIN,
    );
  } catch (error) {
    doc.destroy();
    throw error;
  }
  return {
    doc,
    logLength: stored.updates.length,
    lastSeq: stored.updates.at(-1)?.seq ?? stored.snapshotSeq,
    snapshotBytes: stored.snapshot?.byteLength ?? 0,
    storedBytes: stored.updates.reduce((sum, { update }) => sum + update.byteLength, stored.snapshot?.byteLength ?? 0),
  };
}
