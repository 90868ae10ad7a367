import type { CreatableKind, CreateDocumentResponse } from '../../../shared/api.ts';
import type { WorkspaceId } from '../../../shared/rooms.ts';
import { addDocument, nextDocumentOrder } from '../../../shared/schema/workspaceIndex.ts';
import type * as Y from 'yjs';
import { api } from '../../http/api.ts';

/**
 * A new plan or meeting: the server stores it with its template (exactly
 * once, under a new id), then we list it in the live index. The index is a
 * document every client already holds and edits (renames, archiving), so the
 * entry goes in the same way and reaches everyone at once.
 */
export async function newDocument(
  workspaceId: WorkspaceId,
  index: Y.Doc,
  workplaceId: string,
  kind: CreatableKind,
  options: { title?: string; date?: string } = {},
): Promise<CreateDocumentResponse> {
  const created = await api.createDocument(workspaceId, { workplaceId, kind, ...options });
  addDocument(index, {
    id: created.docId,
    title: created.title,
    kind: created.kind,
    workplaceId,
    order: nextDocumentOrder(index, workplaceId),
    createdAt: new Date().toISOString(),
    ...(created.date !== undefined && { date: created.date }),
  });
  return created;
}
