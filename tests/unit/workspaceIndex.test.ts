/** The workspace index schema: typed accessors, live merging of concurrent changes, archive-then-delete. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDocument,
  addWorkplace,
  deleteDocument,
  deleteWorkplace,
  markDocumentChanged,
  meetingsNewestFirst,
  moveDocument,
  moveWorkplace,
  nextDocumentOrder,
  nextWorkplaceOrder,
  readDocuments,
  readWorkplaces,
  recentlyChanged,
  renameDocument,
  renameWorkplace,
  setDocumentArchived,
  setWorkplaceArchived,
} from '../../shared/schema/workspaceIndex.ts';

const AT = '2026-11-25T10:00:00.000Z';

function seeded(): Y.Doc {
  const doc = new Y.Doc();
  addWorkplace(doc, { id: 'w1', title: 'Voor elkaar', order: 0, createdAt: AT });
  addWorkplace(doc, { id: 'w2', title: 'Weisterbeek', order: 1, createdAt: AT });
  addDocument(doc, { id: 'p1', title: 'Plan van aanpak', kind: 'plan', workplaceId: 'w1', order: 0, createdAt: AT });
  addDocument(doc, { id: 'm1', title: 'Overleg 1', kind: 'meeting', workplaceId: 'w1', order: 1, createdAt: AT, date: '2026-10-01' });
  addDocument(doc, { id: 'm2', title: 'Overleg 2', kind: 'meeting', workplaceId: 'w1', order: 2, createdAt: AT, date: '2026-11-20' });
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('workspace index', () => {
  it('reads workplaces and documents in order, with kind, meeting date and defaults for missing fields', () => {
    const doc = seeded();
    expect(readWorkplaces(doc).map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(readDocuments(doc, 'w1').map((d) => d.id)).toEqual(['p1', 'm1', 'm2']);
    expect(readDocuments(doc, 'w2')).toEqual([]);
    expect(readDocuments(doc).find((d) => d.id === 'm2')).toMatchObject({ kind: 'meeting', date: '2026-11-20', archived: false });
    expect(nextWorkplaceOrder(doc)).toBe(2);
    expect(nextDocumentOrder(doc, 'w1')).toBe(3);
    expect(nextDocumentOrder(doc, 'w2')).toBe(0);
  });

  it('lists meetings newest first by their date', () => {
    const doc = seeded();
    expect(meetingsNewestFirst(readDocuments(doc, 'w1')).map((d) => d.id)).toEqual(['m2', 'm1']);
  });

  it('renames, archives and restores; two people changing different fields of one entry both keep their change', () => {
    const anna = seeded();
    const bram = new Y.Doc();
    sync(anna, bram);
    renameWorkplace(anna, 'w1', 'Voor Elkaar (nieuw)');
    setWorkplaceArchived(bram, 'w1', true);
    sync(anna, bram);
    for (const doc of [anna, bram]) {
      expect(readWorkplaces(doc)[0]).toMatchObject({ id: 'w1', title: 'Voor Elkaar (nieuw)', archived: true });
    }
    setWorkplaceArchived(anna, 'w1', false);
    renameDocument(anna, 'p1', 'Plan Voor elkaar');
    setDocumentArchived(anna, 'm1', true);
    expect(readWorkplaces(anna)[0]?.archived).toBe(false);
    expect(readDocuments(anna).find((d) => d.id === 'p1')?.title).toBe('Plan Voor elkaar');
    expect(readDocuments(anna).find((d) => d.id === 'm1')?.archived).toBe(true);
    expect(renameWorkplace(anna, 'unknown', 'x')).toBe(false);
  });

  it('deletes only what was archived first; deleting a workplace removes its documents from the index', () => {
    const doc = seeded();
    expect(deleteDocument(doc, 'p1')).toBe(false);
    expect(deleteWorkplace(doc, 'w1')).toBe(false);
    setDocumentArchived(doc, 'p1', true);
    expect(deleteDocument(doc, 'p1')).toBe(true);
    expect(readDocuments(doc).map((d) => d.id)).toEqual(['m1', 'm2']);
    setWorkplaceArchived(doc, 'w1', true);
    expect(deleteWorkplace(doc, 'w1')).toBe(true);
    expect(readWorkplaces(doc).map((w) => w.id)).toEqual(['w2']);
    expect(readDocuments(doc)).toEqual([]);
  });

  it('moves workplaces and documents one place up or down, also when orders tie', () => {
    const doc = seeded();
    expect(moveWorkplace(doc, 'w2', -1)).toBe(true);
    expect(readWorkplaces(doc).map((w) => w.id)).toEqual(['w2', 'w1']);
    expect(moveWorkplace(doc, 'w2', -1)).toBe(false);
    addWorkplace(doc, { id: 'w3', title: 'Tie', order: 0, createdAt: AT });
    addWorkplace(doc, { id: 'w4', title: 'Tie', order: 0, createdAt: AT });
    const before = readWorkplaces(doc).map((w) => w.id);
    expect(moveWorkplace(doc, before[2]!, 1)).toBe(true);
    const after = readWorkplaces(doc).map((w) => w.id);
    expect(after[3]).toBe(before[2]);
    expect(moveDocument(doc, 'm2', -1)).toBe(true);
    expect(readDocuments(doc, 'w1').map((d) => d.id)).toEqual(['p1', 'm2', 'm1']);
  });

  it('remembers who changed a document last and lists recent changes newest first', () => {
    const doc = seeded();
    markDocumentChanged(doc, 'p1', '2026-11-25T09:00:00.000Z', 'Anna');
    markDocumentChanged(doc, 'm1', '2026-11-25T11:00:00.000Z', 'Bram');
    const recent = recentlyChanged(readDocuments(doc), 5);
    expect(recent.map((d) => [d.id, d.changedBy])).toEqual([
      ['m1', 'Bram'],
      ['p1', 'Anna'],
    ]);
  });
});
