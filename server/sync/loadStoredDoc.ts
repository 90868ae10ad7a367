/**
 * A room's document from storage: the snapshot, then the log after it. Reading
 * (cheap) and building the Y.Doc (costly for a large document: about 0.5 s for
 * 2 MB) are separate steps, so a room can answer a fresh client from the
 * stored bytes before it builds its document (Room.ts).
 */
import * as Y from 'yjs';
import type { RoomName } from '../../shared/rooms.ts';
import type { DocumentStorage, StoredDocument } from '../storage/Storage.ts';

/** The transaction origin of loading, so the room's update handler can tell it from a client's edit. */
export const LOAD_ORIGIN = Symbol('load');

interface StoredDocFacts {
  /** Updates in the log after the snapshot: how close the document is to its next compaction. */
  logLength: number;
  /** The doc holds every log entry up to this seq (0 for an empty document). */
  lastSeq: number;
  snapshotBytes: number;
  /** Bytes of the snapshot and the log after it: an upper bound of the document's encoded size. */
  storedBytes?: number;
}

export interface LoadedDoc extends StoredDocFacts {
  doc: Y.Doc;
}

/** What storage holds for a document, read but not yet built into a Y.Doc. */
export interface ReadDoc extends StoredDocFacts {
  stored: StoredDocument;
  /** Everything stored as one update (mergedStoredUpdate), once checked to decode; null for an empty document. */
  merged?: Uint8Array | null;
  /** The state vector of `merged` (what the built document's would be). */
  stateVector?: Uint8Array | null;
}

export async function readStoredDoc(storage: DocumentStorage, name: RoomName): Promise<ReadDoc> {
  const stored = await storage.loadDocument(name.workspaceId, name.docId);
  return {
    stored,
    logLength: stored.updates.length,
    lastSeq: stored.updates.at(-1)?.seq ?? stored.snapshotSeq,
    snapshotBytes: stored.snapshot?.byteLength ?? 0,
    storedBytes: stored.updates.reduce((sum, { update }) => sum + update.byteLength, stored.snapshot?.byteLength ?? 0),
  };
}

/** Builds the Y.Doc of a stored document; throws (and leaves nothing behind) when the bytes do not apply. */
export function buildStoredDoc(stored: StoredDocument): Y.Doc {
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
  return doc;
}

/** True when nothing is stored for the document. */
export function isEmptyStoredDoc(stored: StoredDocument): boolean {
  return stored.snapshot === null && stored.updates.length === 0;
}

/**
 * The whole stored document as one update: what a client with an empty state
 * vector needs. The snapshot as it is when no log follows it (after a
 * compaction, e.g. the one at shutdown), else everything merged.
 */
export function mergedStoredUpdate(stored: StoredDocument): Uint8Array {
  if (stored.snapshot && stored.updates.length === 0) return stored.snapshot;
  const parts = stored.updates.map(({ update }) => update);
  if (stored.snapshot) parts.unshift(stored.snapshot);
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

/**
 * Reads a document and checks that its stored bytes decode, without building
 * it: a document that cannot be read fails here, at load, as building it would
 * (and its bytes are never sent to a client). Costs one pass over the bytes
 * (about 35 ms for 2 MB, against 0.5 s to build).
 */
export async function readCheckedStoredDoc(storage: DocumentStorage, name: RoomName): Promise<ReadDoc> {
  const read = await readStoredDoc(storage, name);
  if (isEmptyStoredDoc(read.stored)) return { ...read, merged: null, stateVector: null };
  const merged = mergedStoredUpdate(read.stored);
  // Throws on bytes that do not decode. Stored updates hold only integrated structs (what a
  // document emitted), so this equals the state vector of the document built from them.
  const stateVector = Y.encodeStateVectorFromUpdate(merged);
  return { ...read, merged, stateVector };
}

export async function loadStoredDoc(storage: DocumentStorage, name: RoomName): Promise<LoadedDoc> {
  const { stored, ...facts } = await readStoredDoc(storage, name);
  return { ...facts, doc: buildStoredDoc(stored) };
}
