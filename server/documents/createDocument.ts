/**
 * Creates a document with its starting content, written exactly once by the
 * server when the document is created — never by a client that finds it empty —
 * so two people opening a new plan at once, or a restart, never add it twice.
 * Record and content are stored in one transaction. The content is logged with
 * no member: it is template text, nobody's voice.
 */
import * as Y from 'yjs';
import type { DocumentStorage } from '../storage/Storage.ts';

export async function createDocument(
  storage: DocumentStorage,
  params: { workspaceId: string; docId: string; createdBy: string | null; at: number },
  write: (doc: Y.Doc) => void,
): Promise<void> {
  const doc = new Y.Doc();
  let update: Uint8Array;
  try {
    write(doc);
    update = Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
  const created = await storage.createDocument(
    { workspaceId: params.workspaceId, docId: params.docId, createdAt: params.at, createdBy: params.createdBy },
    { update, origin: { memberId: null, at: params.at } },
  );
  if (!created) throw new Error(`document ${params.workspaceId}/${params.docId} exists already`);
}
