/**
 * The readable views of a decision or action list in the workspace export:
 * content.json (the list as its schema reads it: shared/schema/decisions.ts,
 * actions.ts) and content.csv (the same CSV the list page downloads,
 * shared/export/listExport.ts). Views only: an import reads state.yjs.
 */
import type * as Y from 'yjs';
import { actionsToCsv, decisionsToCsv, type ExportOptions } from '../../shared/export/listExport.ts';
import { readActions } from '../../shared/schema/actions.ts';
import { readDecisions } from '../../shared/schema/decisions.ts';
import type { ListKind } from '../../shared/schema/listDocuments.ts';

export interface ListViews {
  json: unknown;
  csv: string;
}

/** `options.members`: the current members, as the list page has them (someone who left shows as oud-lid). */
export function listViews(kind: ListKind, doc: Y.Doc, options: ExportOptions): ListViews {
  if (kind === 'decisions') {
    const decisions = readDecisions(doc);
    return { json: { decisions }, csv: decisionsToCsv(decisions, options) };
  }
  const actions = readActions(doc);
  return { json: { actions }, csv: actionsToCsv(actions, options) };
}
