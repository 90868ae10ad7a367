/**
 * Writes the Westenwind example (shared/examples/westenwind.ts) into a new
 * workspace: each workplace's plan and meeting as documents with their text,
 * then the index that lists them. Each document is written once, at creation,
 * like any template.
 */
import { newId } from '../../shared/ids.ts';
import { WESTENWIND_WORKPLACES } from '../../shared/examples/westenwind.ts';
import { INDEX_DOC_ID } from '../../shared/rooms.ts';
import { appendBlocks } from '../../shared/schema/richText.ts';
import { addDocument, addWorkplace, type NewDocumentEntry } from '../../shared/schema/workspaceIndex.ts';
import type { DocumentStorage } from '../storage/Storage.ts';
import { createDocument } from './createDocument.ts';

export async function writeExampleWorkspace(
  storage: DocumentStorage,
  params: { workspaceId: string; createdBy: string; at: number },
): Promise<void> {
  const { workspaceId, createdBy, at } = params;
  const createdAt = new Date(at).toISOString();
  const workplaces: { id: string; title: string; order: number }[] = [];
  const documents: NewDocumentEntry[] = [];
  for (const [order, example] of WESTENWIND_WORKPLACES.entries()) {
    const workplaceId = newId();
    workplaces.push({ id: workplaceId, title: example.title, order });
    const planId = newId();
    const meetingId = newId();
    await createDocument(storage, { workspaceId, docId: planId, createdBy, at }, (doc) => appendBlocks(doc, example.plan.blocks));
    await createDocument(storage, { workspaceId, docId: meetingId, createdBy, at }, (doc) => appendBlocks(doc, example.meeting.blocks));
    documents.push({ id: planId, title: example.plan.title, kind: 'plan', workplaceId, order: 0, createdAt });
    documents.push({
      id: meetingId,
      title: example.meeting.title,
      kind: 'meeting',
      workplaceId,
      order: 1,
      createdAt,
      date: example.meeting.date,
    });
  }
  await createDocument(storage, { workspaceId, docId: INDEX_DOC_ID, createdBy, at }, (doc) => {
    doc.transact(() => {
      for (const workplace of workplaces) addWorkplace(doc, { ...workplace, createdAt });
      for (const document of documents) addDocument(doc, document);
    });
  });
}
