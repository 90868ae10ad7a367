/**
 * The workspace index lives in a Yjs document of its own (doc id `index`), so
 * that everyone's navigation changes live. Layout:
 *
 *   workplaces: Y.Map<workplaceId, Y.Map{ title, order, archived, createdAt }>
 *   documents:  Y.Map<docId,       Y.Map{ title, kind, workplaceId, order, archived, createdAt,
 *                                          date?, changedAt?, changedBy? }>
 *
 * Read and write it only through these accessors. Every field is its own Y.Map
 * key, so two people who change different fields of one entry (one renames, the
 * other archives) both keep their change. Clients write the index (they hold it
 * live); the server writes a document's template (createDocument.ts).
 */
import * as Y from 'yjs';

export const DOCUMENT_KINDS = ['plan', 'meeting', 'decisions', 'actions'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface WorkplaceEntry {
  id: string;
  title: string;
  order: number;
  archived: boolean;
  createdAt: string;
}

export interface DocumentEntry {
  id: string;
  title: string;
  kind: DocumentKind;
  workplaceId: string;
  order: number;
  archived: boolean;
  createdAt: string;
  /** Meetings: the day of the meeting, `YYYY-MM-DD`. */
  date?: string;
  /** When someone last changed the document's text (ISO time), and their name. */
  changedAt?: string;
  changedBy?: string;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function workplacesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('workplaces');
}

function documentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('documents');
}

function str(map: Y.Map<unknown>, key: string, fallback = ''): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : fallback;
}

function num(map: Y.Map<unknown>, key: string): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function kindOf(value: unknown): DocumentKind {
  return (DOCUMENT_KINDS as readonly unknown[]).includes(value) ? (value as DocumentKind) : 'plan';
}

export function readWorkplaces(doc: Y.Doc): WorkplaceEntry[] {
  const entries: WorkplaceEntry[] = [];
  workplacesMap(doc).forEach((map, id) => {
    entries.push({
      id,
      title: str(map, 'title'),
      order: num(map, 'order'),
      archived: map.get('archived') === true,
      createdAt: str(map, 'createdAt'),
    });
  });
  return entries.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function readDocuments(doc: Y.Doc, workplaceId?: string): DocumentEntry[] {
  const entries: DocumentEntry[] = [];
  documentsMap(doc).forEach((map, id) => {
    const entry: DocumentEntry = {
      id,
      title: str(map, 'title'),
      kind: kindOf(map.get('kind')),
      workplaceId: str(map, 'workplaceId'),
      order: num(map, 'order'),
      archived: map.get('archived') === true,
      createdAt: str(map, 'createdAt'),
    };
    const date = map.get('date');
    if (typeof date === 'string' && ISO_DATE.test(date)) entry.date = date;
    const changedAt = map.get('changedAt');
    if (typeof changedAt === 'string') entry.changedAt = changedAt;
    const changedBy = map.get('changedBy');
    if (typeof changedBy === 'string') entry.changedBy = changedBy;
    if (workplaceId === undefined || entry.workplaceId === workplaceId) entries.push(entry);
  });
  return entries.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function findDocument(doc: Y.Doc, docId: string): DocumentEntry | undefined {
  return readDocuments(doc).find((entry) => entry.id === docId);
}

export function addWorkplace(doc: Y.Doc, entry: Omit<WorkplaceEntry, 'archived'>): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    workplacesMap(doc).set(entry.id, map);
    map.set('title', entry.title);
    map.set('order', entry.order);
    map.set('archived', false);
    map.set('createdAt', entry.createdAt);
  });
}

export type NewDocumentEntry = Omit<DocumentEntry, 'archived' | 'changedAt' | 'changedBy'>;

export function addDocument(doc: Y.Doc, entry: NewDocumentEntry): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    documentsMap(doc).set(entry.id, map);
    map.set('title', entry.title);
    map.set('kind', entry.kind);
    map.set('workplaceId', entry.workplaceId);
    map.set('order', entry.order);
    map.set('archived', false);
    map.set('createdAt', entry.createdAt);
    if (entry.date !== undefined) map.set('date', entry.date);
  });
}

/** The order value that puts a new entry after every existing one. */
export function nextWorkplaceOrder(doc: Y.Doc): number {
  return readWorkplaces(doc).reduce((max, entry) => Math.max(max, entry.order + 1), 0);
}

export function nextDocumentOrder(doc: Y.Doc, workplaceId: string): number {
  return readDocuments(doc, workplaceId).reduce((max, entry) => Math.max(max, entry.order + 1), 0);
}

function setField(map: Y.Map<Y.Map<unknown>>, id: string, key: string, value: unknown): boolean {
  const entry = map.get(id);
  if (!entry) return false;
  entry.set(key, value);
  return true;
}

export function renameWorkplace(doc: Y.Doc, id: string, title: string): boolean {
  return setField(workplacesMap(doc), id, 'title', title);
}

export function setWorkplaceArchived(doc: Y.Doc, id: string, archived: boolean): boolean {
  return setField(workplacesMap(doc), id, 'archived', archived);
}

export function renameDocument(doc: Y.Doc, id: string, title: string): boolean {
  return setField(documentsMap(doc), id, 'title', title);
}

export function setDocumentArchived(doc: Y.Doc, id: string, archived: boolean): boolean {
  return setField(documentsMap(doc), id, 'archived', archived);
}

/** Notes that someone changed a document's text (for "recently changed"). */
export function markDocumentChanged(doc: Y.Doc, id: string, at: string, by: string): boolean {
  const entry = documentsMap(doc).get(id);
  if (!entry) return false;
  doc.transact(() => {
    entry.set('changedAt', at);
    entry.set('changedBy', by);
  });
  return true;
}

/**
 * Moves an entry one place up (-1) or down (+1) among its siblings by swapping
 * order values with its neighbour. Orders are renumbered first when they tie,
 * so a swap always changes the visible order.
 */
function move<T extends { id: string; order: number }>(map: Y.Map<Y.Map<unknown>>, siblings: T[], id: string, step: -1 | 1): boolean {
  const index = siblings.findIndex((entry) => entry.id === id);
  const neighbour = siblings[index + step];
  if (index < 0 || !neighbour) return false;
  const distinct = new Set(siblings.map((entry) => entry.order)).size === siblings.length;
  if (!distinct) siblings.forEach((entry, i) => map.get(entry.id)?.set('order', i));
  const ownOrder = distinct ? siblings[index]!.order : index;
  const otherOrder = distinct ? neighbour.order : index + step;
  map.get(id)?.set('order', otherOrder);
  map.get(neighbour.id)?.set('order', ownOrder);
  return true;
}

/** Moves a workplace among the workplaces that are not archived. */
export function moveWorkplace(doc: Y.Doc, id: string, step: -1 | 1): boolean {
  let moved = false;
  doc.transact(() => {
    moved = move(workplacesMap(doc), readWorkplaces(doc).filter((entry) => !entry.archived), id, step);
  });
  return moved;
}

/** Moves a document among the documents of its workplace that are not archived. */
export function moveDocument(doc: Y.Doc, id: string, step: -1 | 1): boolean {
  const entry = findDocument(doc, id);
  if (!entry) return false;
  let moved = false;
  doc.transact(() => {
    const siblings = readDocuments(doc, entry.workplaceId).filter((sibling) => !sibling.archived);
    moved = move(documentsMap(doc), siblings, id, step);
  });
  return moved;
}

/**
 * Deletes an archived document from the index (nothing is deleted by one click:
 * archive first). Its stored text stays on the server, out of sight.
 */
export function deleteDocument(doc: Y.Doc, id: string): boolean {
  const entry = findDocument(doc, id);
  if (!entry?.archived) return false;
  documentsMap(doc).delete(id);
  return true;
}

/** Deletes an archived workplace and every document entry in it. */
export function deleteWorkplace(doc: Y.Doc, id: string): boolean {
  const entry = readWorkplaces(doc).find((workplace) => workplace.id === id);
  if (!entry?.archived) return false;
  doc.transact(() => {
    for (const document of readDocuments(doc, id)) documentsMap(doc).delete(document.id);
    workplacesMap(doc).delete(id);
  });
  return true;
}

/** A workplace's meetings, newest first (by meeting date, then by creation). */
export function meetingsNewestFirst(documents: readonly DocumentEntry[]): DocumentEntry[] {
  return documents
    .filter((entry) => entry.kind === 'meeting')
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.createdAt.localeCompare(a.createdAt));
}

/** Documents whose text changed, most recent first. */
export function recentlyChanged(documents: readonly DocumentEntry[], limit: number): DocumentEntry[] {
  return documents
    .filter((entry) => entry.changedAt)
    .sort((a, b) => (b.changedAt ?? '').localeCompare(a.changedAt ?? ''))
    .slice(0, limit);
}
