/**
 * Meeting notes link to decisions and actions with an inline chip that holds
 * only an id (the editor reads title and status live). An export has no live
 * list, so before rendering, each chip gets the words it stands for, in
 * `attrs.exportText`: "[besluit: Speeltuin opknappen — Genomen]". The
 * renderers (DOCX, PDF, Markdown) print that text; a chip whose list or entry
 * cannot be found keeps its kind ("[besluit]"). Only the exported copy gets
 * the attribute: nothing is written back, and a Markdown file read in again
 * makes the chip from its ids, not from this text.
 */
import type { JSONContent } from '@tiptap/core';
import type { Language } from '../../shared/apiMessages.ts';
import { exportLabels as documentLabels } from '../../shared/exchange/exportLabels.ts';
import { LIST_ITEM_CHIP } from '../../shared/exchange/listItemChipNode.ts';
import { exportLabels as listLabels } from '../../shared/export/exportLabels.ts';
import { roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { isOverdue, readActions } from '../../shared/schema/actions.ts';
import { readDecisions } from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId } from '../../shared/schema/listDocuments.ts';
import type { Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';

function chipsOf(node: JSONContent, out: JSONContent[] = []): JSONContent[] {
  if (node.type === LIST_ITEM_CHIP) out.push(node);
  for (const child of node.content ?? []) chipsOf(child, out);
  return out;
}

function withTexts(node: JSONContent, textOf: (chip: JSONContent) => string | undefined): JSONContent {
  if (node.type === LIST_ITEM_CHIP) {
    const exportText = textOf(node);
    return exportText ? { ...node, attrs: { ...node.attrs, exportText } } : node;
  }
  return node.content ? { ...node, content: node.content.map((child) => withTexts(child, textOf)) } : node;
}

export async function resolveListChips(
  storage: Storage,
  workspaceId: string,
  content: JSONContent,
  language: Language,
  today: string,
): Promise<JSONContent> {
  const chips = chipsOf(content);
  if (chips.length === 0) return content;
  const lists = listLabels(language);
  const words = documentLabels(language);
  const prefix = { decision: language === 'en' ? 'decision' : 'besluit', action: language === 'en' ? 'action' : 'actie' };
  const texts = new Map<string, string>();
  const key = (kind: unknown, workplaceId: unknown, itemId: unknown) => `${String(kind)}/${String(workplaceId)}/${String(itemId)}`;

  const loaded = new Set<string>();
  for (const chip of chips) {
    const kind = chip.attrs?.kind === 'action' ? 'action' : 'decision';
    const workplaceId = String(chip.attrs?.workplaceId ?? '');
    const docId = kind === 'action' ? actionsDocId(workplaceId) : decisionsDocId(workplaceId);
    if (docId === null || loaded.has(docId)) continue;
    loaded.add(docId);
    if (!(await storage.getDocument(workspaceId, docId))) continue;
    const { doc } = await loadStoredDoc(storage, roomName(workspaceId as WorkspaceId, docId as DocId));
    try {
      if (kind === 'decision') {
        for (const decision of readDecisions(doc)) {
          texts.set(key(kind, workplaceId, decision.id), `[${prefix.decision}: ${decision.title} — ${lists.status[decision.status]}]`);
        }
      } else {
        for (const action of readActions(doc)) {
          const state = action.done ? words.checked : isOverdue(action, today) ? lists.actionColumns.overdue.toLowerCase() : words.unchecked;
          texts.set(key(kind, workplaceId, action.id), `[${prefix.action}: ${action.what} — ${state}]`);
        }
      }
    } finally {
      doc.destroy();
    }
  }
  return withTexts(content, (chip) => texts.get(key(chip.attrs?.kind === 'action' ? 'action' : 'decision', chip.attrs?.workplaceId, chip.attrs?.itemId)));
}
