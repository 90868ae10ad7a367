import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anonymiseChangedBy, formerMemberLabel } from '../../shared/schema/formerMember.ts';
import { addDocument, markDocumentChanged, readDocuments } from '../../shared/schema/workspaceIndex.ts';

describe('anonymising "changed by" in the index', () => {
  it('replaces exactly the former member’s name by "oud-lid" with their role', () => {
    const index = new Y.Doc();
    for (const id of ['a', 'b', 'c']) addDocument(index, { id, title: id, kind: 'plan', workplaceId: 'w', order: 0, createdAt: '2026-01-01T00:00:00Z' });
    markDocumentChanged(index, 'a', '2026-01-02T00:00:00Z', 'Henk');
    markDocumentChanged(index, 'b', '2026-01-02T00:00:00Z', 'Anna');
    markDocumentChanged(index, 'c', '2026-01-02T00:00:00Z', 'Henk');
    expect(anonymiseChangedBy(index, 'Henk', 'resident')).toBe(2);
    expect(readDocuments(index).map((entry) => entry.changedBy)).toEqual(['oud-lid (bewoner)', 'Anna', 'oud-lid (bewoner)']);
    expect(formerMemberLabel('professional')).toBe('oud-lid (professional)');
    expect(anonymiseChangedBy(index, 'Henk', 'resident')).toBe(0);
  });
});
