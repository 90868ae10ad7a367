/** Finding a workplace's decision and action list (shared/schema/listDocuments.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actionsDocId,
  decisionsDocId,
  ensureListEntries,
  isDecisionsDocId,
  workplaceOfListDoc,
} from '../../shared/schema/listDocuments.ts';
import { addWorkplace, readDocuments, renameDocument } from '../../shared/schema/workspaceIndex.ts';
import { newId } from '../../shared/ids.ts';

const AT = '2026-11-25T10:00:00.000Z';
const TITLES = { decisions: 'Besluitenlijst', actions: 'Actielijst' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('list documents', () => {
  it('derives one doc id per workplace and kind, and reads the workplace back', () => {
    const workplaceId = newId();
    const decisions = decisionsDocId(workplaceId)!;
    expect(decisions).toBe(`decisions-${workplaceId}`);
    expect(actionsDocId(workplaceId)).toBe(`actions-${workplaceId}`);
    expect(isDecisionsDocId(decisions)).toBe(true);
    expect(isDecisionsDocId(actionsDocId(workplaceId)!)).toBe(false);
    expect(isDecisionsDocId(newId())).toBe(false);
    expect(workplaceOfListDoc(decisions)).toEqual({ kind: 'decisions', workplaceId });
    expect(workplaceOfListDoc('index')).toBeNull();
  });

  it('derives no id from a workplace id that cannot carry one', () => {
    expect(decisionsDocId('x'.repeat(60))).toBeNull();
    expect(actionsDocId('../index')).toBeNull();
    expect(decisionsDocId('')).toBeNull();
  });

  it('adds the index entries once and never overwrites an existing one', () => {
    const index = new Y.Doc();
    addWorkplace(index, { id: 'w1', title: 'Voor elkaar', order: 0, createdAt: AT });
    const ids = ensureListEntries(index, 'w1', TITLES, AT);
    expect(ids).toEqual({ decisions: 'decisions-w1', actions: 'actions-w1' });
    renameDocument(index, 'decisions-w1', 'Onze besluiten');
    ensureListEntries(index, 'w1', TITLES, AT);
    expect(readDocuments(index, 'w1').map((d) => [d.id, d.kind, d.title])).toEqual([
      ['decisions-w1', 'decisions', 'Onze besluiten'],
      ['actions-w1', 'actions', 'Actielijst'],
    ]);
  });

  it('two people opening a workplace at once end with one entry of each kind', () => {
    const a = new Y.Doc();
    addWorkplace(a, { id: 'w1', title: 'Voor elkaar', order: 0, createdAt: AT });
    const b = new Y.Doc();
    sync(a, b);
    ensureListEntries(a, 'w1', TITLES, AT);
    ensureListEntries(b, 'w1', { decisions: 'Decision list', actions: 'Action list' }, AT);
    sync(a, b);
    const listed = readDocuments(a, 'w1');
    expect(listed.map((d) => d.kind).sort()).toEqual(['actions', 'decisions']);
    expect(readDocuments(b, 'w1')).toEqual(listed);
  });
});
