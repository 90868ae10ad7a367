/**
 * The workspace index lives in a Yjs document of its own (doc id `index`), so
 * that everyone's navigation changes live. Layout:
 *
 *   workplaces: Y.Map<workplaceId, Y.Map{ title, order, archived, createdAt }>
 *   documents:  Y.Map<docId,       Y.Map{ title, kind, workplaceId, order, archived, createdAt }>
 *
 * Read and write it only through these accessors.
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
}

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

export function addDocument(doc: Y.Doc, entry: Omit<DocumentEntry, 'archived'>): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    documentsMap(doc).set(entry.id, map);
    map.set('title', entry.title);
    map.set('kind', entry.kind);
    map.set('workplaceId', entry.workplaceId);
    map.set('order', entry.order);
    map.set('archived', false);
    map.set('createdAt', entry.createdAt);
  });
}
