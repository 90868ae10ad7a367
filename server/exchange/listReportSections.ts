/**
 * The workplace report's decision list and open actions (issue 4's lists,
 * issue 9's report): each list read from storage through the lists' own
 * schema (shared/schema/decisions.ts, actions.ts), the consent summed up with
 * the same rules the list page uses (shared/schema/consent.ts), and written
 * as plain rich text so the Word and PDF renderers need nothing new.
 */
import type { JSONContent } from '@tiptap/core';
import type { Language } from '../../shared/apiMessages.ts';
import { longDate } from '../../shared/exchange/exportLabels.ts';
import { exportLabels as listLabels, type ExportLabels as ListLabels } from '../../shared/export/exportLabels.ts';
import { roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { hideDone, isOverdue, readActions, type ActionView } from '../../shared/schema/actions.ts';
import { consentSummary, decisionState, type ConsentMember } from '../../shared/schema/consent.ts';
import { readDecisions, type DecisionView, type ResponseView } from '../../shared/schema/decisions.ts';
import { actionsDocId, decisionsDocId } from '../../shared/schema/listDocuments.ts';
import type * as Y from 'yjs';
import type { Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';
import type { ReportSectionProvider } from './workplaceReport.ts';
import type { PrintableSection } from './printableDocument.ts';

interface People {
  /** Current members, for who may respond and who has not yet. */
  current: ConsentMember[];
  name: (memberId: string) => string;
}

async function people(storage: Storage, workspaceId: string, labels: ListLabels): Promise<People> {
  const members = await storage.listMembers(workspaceId);
  const names = new Map(members.map((member) => [member.id, member.name]));
  return {
    current: members.filter((member) => member.removedAt === null),
    name: (memberId) => names.get(memberId) ?? labels.formerMember,
  };
}

/** Reads a list document; a workplace whose list was never opened has none stored, which reads as empty. */
async function readList<T>(storage: Storage, workspaceId: string, docId: string | null, read: (doc: Y.Doc) => T[]): Promise<T[]> {
  if (docId === null || !(await storage.getDocument(workspaceId, docId))) return [];
  const { doc } = await loadStoredDoc(storage, roomName(workspaceId as WorkspaceId, docId as DocId));
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

const text = (value: string, bold = false): JSONContent => ({ type: 'text', text: value, ...(bold && { marks: [{ type: 'bold' }] }) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const bulletList = (items: JSONContent[][]): JSONContent => ({
  type: 'bulletList',
  content: items.map((content) => ({ type: 'listItem', content: [paragraph(...content)] })),
});
const labelled = (label: string, value: string, bold = false): JSONContent[] => [text(`${label}: `), text(value, bold)];

function decisionBlocks(decision: DecisionView, who: People, labels: ListLabels, language: Language): JSONContent[] {
  const c = labels.decisionColumns;
  const state = decisionState(decision, who.current);
  const consent = consentSummary(decision, who.current);
  const withNote = (response: ResponseView) => (response.note ? `${who.name(response.memberId)} (${response.note.replace(/\s+/g, ' ')})` : who.name(response.memberId));
  const facts: JSONContent[][] = [
    labelled(c.status, state.problem ? labels.problem[state.problem] : labels.status[state.status], true),
    decision.decidedOn
      ? labelled(c.decidedOn, longDate(decision.decidedOn, language))
      : labelled(c.proposedOn, longDate(decision.createdAt.slice(0, 10), language)),
    labelled(c.proposedBy, who.name(decision.proposedBy)),
  ];
  if (decision.reviewDate) facts.push(labelled(c.reviewDate, longDate(decision.reviewDate, language)));
  const responses: JSONContent[][] = [];
  const groups: [string, readonly ResponseView[]][] = [
    [c.agreed, consent.agreed],
    [c.concerns, consent.concerns],
    [c.objections, consent.objections],
    [c.withdrawn, consent.withdrawn],
  ];
  for (const [label, group] of groups) if (group.length > 0) responses.push(labelled(label, group.map(withNote).join('; ')));
  if (consent.pending.length > 0) responses.push(labelled(c.pending, consent.pending.map((member) => member.name).join(', ')));
  if (consent.ignored.length > 0) responses.push(labelled(c.ignored, consent.ignored.map(withNote).join('; ')));
  const explanation = decision.explanationText.split('\n').filter((line) => line.trim());
  return [
    { type: 'heading', attrs: { level: 2 }, content: [text(decision.title || '—')] },
    ...explanation.map((line) => paragraph(text(line))),
    bulletList(facts),
    paragraph(text(`${labels.consentHeading} (${c.round.toLowerCase()} ${decision.round})`, true)),
    ...(responses.length > 0 ? [bulletList(responses)] : []),
  ];
}

/** The decision list: every decision, in list order, with status, date and who responded how (and who not yet). */
export const decisionList: ReportSectionProvider = async (context) => {
  const labels = listLabels(context.language);
  const decisions = await readList(context.storage, context.workspace.id, decisionsDocId(context.workplace.id), readDecisions);
  const who = await people(context.storage, context.workspace.id, labels);
  const content = decisions.length === 0
    ? [paragraph(text(labels.noDecisions))]
    : decisions.flatMap((decision) => decisionBlocks(decision, who, labels, context.language));
  return [{ heading: labels.decisionsTitle, content: { type: 'doc', content } } satisfies PrintableSection];
};

function actionItem(action: ActionView, who: People, labels: ListLabels, language: Language, today: string): JSONContent[] {
  const c = labels.actionColumns;
  const parts: JSONContent[] = [text(action.what || '—')];
  if (action.owners.length > 0) parts.push(text(` — ${c.owners}: ${action.owners.map(who.name).join(', ')}`));
  if (action.due) {
    parts.push(text(` — ${c.due}: ${longDate(action.due, language)}`));
    if (isOverdue(action, today)) parts.push(text(' '), text(`(${c.overdue.toLowerCase()})`, true));
  }
  return parts;
}

/** The open actions (what is done is left out): soonest due first, those without a date last. */
export const openActions: ReportSectionProvider = async (context) => {
  const labels = listLabels(context.language);
  const actions = hideDone(await readList(context.storage, context.workspace.id, actionsDocId(context.workplace.id), readActions));
  const ordered = [...actions].sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.order - b.order);
  const who = await people(context.storage, context.workspace.id, labels);
  const content = ordered.length === 0
    ? [paragraph(text(labels.noOpenActions))]
    : [bulletList(ordered.map((action) => actionItem(action, who, labels, context.language, context.date)))];
  return [{ heading: labels.openActionsTitle, content: { type: 'doc', content } }];
};
