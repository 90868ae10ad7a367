/**
 * Where a workplace's decision list and action list live.
 *
 * Each workplace has exactly one of each. Their document ids are derived from
 * the workplace id (`decisions-<workplaceId>`, `actions-<workplaceId>`), so
 * finding them needs no lookup and creating them is idempotent: two people
 * who open a workplace at once compute the same id, and opening a new doc id
 * over the WebSocket makes the document exist (CONTRACT.md) — no template is
 * needed, because an empty list is an empty Y.Map. The index entry is added
 * with `ensureListEntries`; when two people add it at once one of the two
 * identical entries wins, and an entry that exists (perhaps renamed) is never
 * overwritten.
 *
 * The prefix also tells the server which documents are decision lists, so it
 * can guard the consent responses in them (server/sync/consentGuard.ts)
 * without reading the workspace index. Server-made ids (newId, 16 characters
 * of base64url) cannot collide with these: they never contain 'decisions-'
 * as a prefix in practice (2^-60) and the derived ids are longer than 16.
 */
import * as Y from 'yjs';
import { isValidId } from '../rooms.ts';
import { addDocument, nextDocumentOrder, readDocuments, type DocumentKind } from './workspaceIndex.ts';

export type ListKind = Extract<DocumentKind, 'decisions' | 'actions'>;

export const DECISIONS_DOC_PREFIX = 'decisions-';
export const ACTIONS_DOC_PREFIX = 'actions-';

function derived(prefix: string, workplaceId: string): string | null {
  const id = prefix + workplaceId;
  return isValidId(workplaceId) && isValidId(id) ? id : null;
}

/** The decision list's doc id; null for a workplace id too long or malformed to derive one from. */
export function decisionsDocId(workplaceId: string): string | null {
  return derived(DECISIONS_DOC_PREFIX, workplaceId);
}

/** The action list's doc id; null for a workplace id too long or malformed to derive one from. */
export function actionsDocId(workplaceId: string): string | null {
  return derived(ACTIONS_DOC_PREFIX, workplaceId);
}

export function listDocId(kind: ListKind, workplaceId: string): string | null {
  return kind === 'decisions' ? decisionsDocId(workplaceId) : actionsDocId(workplaceId);
}

/** True for a doc id that holds a decision list (what the server's consent guard looks at). */
export function isDecisionsDocId(docId: string): boolean {
  return docId.startsWith(DECISIONS_DOC_PREFIX) && docId.length > DECISIONS_DOC_PREFIX.length;
}

export function isActionsDocId(docId: string): boolean {
  return docId.startsWith(ACTIONS_DOC_PREFIX) && docId.length > ACTIONS_DOC_PREFIX.length;
}

/** The workplace a list doc id belongs to, or null when it is not a list doc id. */
export function workplaceOfListDoc(docId: string): { kind: ListKind; workplaceId: string } | null {
  if (isDecisionsDocId(docId)) return { kind: 'decisions', workplaceId: docId.slice(DECISIONS_DOC_PREFIX.length) };
  if (isActionsDocId(docId)) return { kind: 'actions', workplaceId: docId.slice(ACTIONS_DOC_PREFIX.length) };
  return null;
}

/**
 * Adds the workplace's decision and action list to the workspace index when
 * they are not listed yet (idempotent; an existing entry keeps its title,
 * order and archived flag). Titles are passed in because they are visible
 * text and come from the caller's i18n. Returns the doc ids (null when the
 * workplace id cannot carry a list).
 */
export function ensureListEntries(
  index: Y.Doc,
  workplaceId: string,
  titles: { decisions: string; actions: string },
  at: string,
): { decisions: string | null; actions: string | null } {
  const ids = { decisions: decisionsDocId(workplaceId), actions: actionsDocId(workplaceId) };
  index.transact(() => {
    const listed = new Set(readDocuments(index).map((entry) => entry.id));
    for (const kind of ['decisions', 'actions'] as const) {
      const id = ids[kind];
      if (id === null || listed.has(id)) continue;
      addDocument(index, {
        id,
        title: titles[kind],
        kind,
        workplaceId,
        order: nextDocumentOrder(index, workplaceId),
        createdAt: at,
      });
    }
  });
  return ids;
}
