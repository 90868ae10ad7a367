/**
 * What an export is made of: a document's content (from storage, which holds
 * every update the server ever forwarded: stored before forwarded) and where it
 * sits (coalition, workplace, title, from the workspace index).
 */
import type { JSONContent } from '@tiptap/core';
import { richTextToJSON } from '../../shared/exchange/richTextJson.ts';
import type { Role } from '../../shared/members.ts';
import { INDEX_DOC_ID, roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { findDocument, readDocuments, readWorkplaces, type DocumentEntry } from '../../shared/schema/workspaceIndex.ts';
import type { Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';

export type RichTextKind = 'plan' | 'meeting';

export interface ExportedDocument {
  id: string;
  title: string;
  kind: RichTextKind;
  /** Meetings: the day of the meeting (YYYY-MM-DD). */
  meetingDate?: string;
  coalition: string;
  workplace: string | null;
  content: JSONContent;
}

export interface WorkspaceIndexView {
  workplaces: { id: string; title: string; archived: boolean }[];
  documents: DocumentEntry[];
}

export class NotRichTextError extends Error {
  override name = 'NotRichTextError';
}

export async function loadWorkspaceIndex(storage: Storage, workspaceId: string): Promise<WorkspaceIndexView> {
  const { doc } = await loadStoredDoc(storage, roomName(workspaceId as WorkspaceId, INDEX_DOC_ID));
  try {
    return { workplaces: readWorkplaces(doc), documents: readDocuments(doc) };
  } finally {
    doc.destroy();
  }
}

export async function loadDocumentContent(storage: Storage, workspaceId: string, docId: string): Promise<JSONContent> {
  const { doc } = await loadStoredDoc(storage, roomName(workspaceId as WorkspaceId, docId as DocId));
  try {
    return richTextToJSON(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * A plan or meeting notes of the workspace, ready to export; null when the
 * workspace has no such document. Throws NotRichTextError for a decision or
 * action list (they have their own exports).
 */
export async function loadExportedDocument(
  storage: Storage,
  workspace: { id: string; name: string },
  docId: string,
): Promise<ExportedDocument | null> {
  if (docId === INDEX_DOC_ID || !(await storage.getDocument(workspace.id, docId))) return null;
  const { doc: index } = await loadStoredDoc(storage, roomName(workspace.id as WorkspaceId, INDEX_DOC_ID));
  let entry: DocumentEntry | undefined;
  let workplace: string | null = null;
  try {
    entry = findDocument(index, docId);
    workplace = readWorkplaces(index).find((candidate) => candidate.id === entry?.workplaceId)?.title ?? null;
  } finally {
    index.destroy();
  }
  if (entry && entry.kind !== 'plan' && entry.kind !== 'meeting') throw new NotRichTextError(entry.kind);
  return {
    id: docId,
    // A document that is stored but not (yet) listed in the index still exports, as a plan.
    title: entry?.title || 'Plan van aanpak',
    kind: entry?.kind === 'meeting' ? 'meeting' : 'plan',
    ...(entry?.date && { meetingDate: entry.date }),
    coalition: workspace.name,
    workplace,
    content: await loadDocumentContent(storage, workspace.id, docId),
  };
}

export interface Contributor {
  name: string;
  role: Role;
}
