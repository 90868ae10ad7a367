/**
 * A member who left or was removed is shown as "oud-lid" with their role: the
 * text they wrote stays (it belongs to the plan), their name goes. The server
 * renames the member record, and since the index names who last changed a
 * document as plain text, it rewrites those entries too (WorkspaceData.ts).
 */
import * as Y from 'yjs';
import type { Role } from '../members.ts';
import { readDocuments } from './workspaceIndex.ts';

/** The name a former member's record gets (stored, not translated: it replaces a person's name). */
export const FORMER_MEMBER_NAME = 'oud-lid';

const ROLE_WORD: Record<Role, string> = { resident: 'bewoner', professional: 'professional', other: 'anders' };

/** How a former member is named in the index's "changed by": `oud-lid (bewoner)`. */
export function formerMemberLabel(role: Role): string {
  return `${FORMER_MEMBER_NAME} (${ROLE_WORD[role]})`;
}

/** Replaces `name` as "changed by" in every index entry; returns how many entries changed. */
export function anonymiseChangedBy(index: Y.Doc, name: string, role: Role): number {
  const documents = index.getMap<Y.Map<unknown>>('documents');
  const label = formerMemberLabel(role);
  let changed = 0;
  index.transact(() => {
    for (const entry of readDocuments(index)) {
      if (entry.changedBy !== name) continue;
      documents.get(entry.id)?.set('changedBy', label);
      changed++;
    }
  });
  return changed;
}
