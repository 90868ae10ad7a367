/**
 * Sends an imported plan to the server (which stores it once, under a new id)
 * and lists it in the live workspace index, the same two steps as a new plan
 * from the template (../workspace/newDocument.ts).
 */
import type { JSONContent } from '@tiptap/core';
import type { ApiErrorBody, CreateDocumentResponse } from '../../../shared/api.ts';
import { importPath } from '../../../shared/exchange/exchangeApi.ts';
import { addDocument, nextDocumentOrder } from '../../../shared/schema/workspaceIndex.ts';
import type * as Y from 'yjs';
import { ApiError } from '../../http/api.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

export async function createImportedPlan(
  workspaceId: string,
  index: Y.Doc,
  workplaceId: string,
  title: string,
  content: JSONContent,
): Promise<CreateDocumentResponse> {
  let response: Response;
  try {
    response = await fetch(importPath(workspaceId), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': currentLanguage() },
      body: JSON.stringify({ workplaceId, title, content }),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const payload = (await response.json().catch(() => null)) as (CreateDocumentResponse & Partial<ApiErrorBody>) | null;
  if (!response.ok || !payload) throw new ApiError(response.status, payload?.error ?? 'internal', payload?.message ?? '');
  addDocument(index, {
    id: payload.docId,
    title: payload.title,
    kind: 'plan',
    workplaceId,
    order: nextDocumentOrder(index, workplaceId),
    createdAt: new Date().toISOString(),
  });
  return payload;
}
