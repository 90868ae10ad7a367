/**
 * Downloads of a workplace's decision and action lists, as CSV (for Excel:
 * see csv.ts) and Markdown, with statuses and consent — who responded how in
 * the current round and who has not yet. Pure functions: the client reads the
 * lists (decisions.ts, actions.ts), passes the member list from the API and
 * offers the returned text as a file.
 */
import type { Language } from '../apiMessages.ts';
import { isOverdue, type ActionView } from '../schema/actions.ts';
import { consentSummary, decisionState, type ConsentMember } from '../schema/consent.ts';
import type { DecisionView, ResponseView } from '../schema/decisions.ts';
import { toCsv } from './csv.ts';
import { exportLabels, type ExportLabels } from './exportLabels.ts';

export interface ExportOptions {
  /** The workspace's members (GET /api/workspaces/:id → members), for names and for who has not responded. */
  members: readonly ConsentMember[];
  language?: Language;
  /** Titles of meeting notes by doc id, to name the meeting a decision or action came from. */
  meetingTitles?: Readonly<Record<string, string>>;
  /** Today, `YYYY-MM-DD` (for overdue actions). */
  today: string;
  /** Heading of the Markdown file, e.g. the workplace's name. */
  title?: string;
}

interface Context {
  labels: ExportLabels;
  name: (memberId: string) => string;
  meeting: (docId: string | undefined) => string;
}

function context(options: ExportOptions): Context {
  const labels = exportLabels(options.language ?? 'nl');
  const names = new Map(options.members.map((member) => [member.id, member.name]));
  return {
    labels,
    name: (memberId) => names.get(memberId) ?? labels.formerMember,
    meeting: (docId) => (docId ? (options.meetingTitles?.[docId] ?? '') : ''),
  };
}

function statusText(decision: DecisionView, members: readonly ConsentMember[], labels: ExportLabels): string {
  const state = decisionState(decision, members);
  return state.problem ? labels.problem[state.problem] : labels.status[state.status];
}

function withNote(ctx: Context, response: ResponseView): string {
  const name = ctx.name(response.memberId);
  return response.note ? `${name}: ${response.note.replace(/\s*\n\s*/g, ' ')}` : name;
}

function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

export function decisionsToCsv(decisions: readonly DecisionView[], options: ExportOptions): string {
  const ctx = context(options);
  const c = ctx.labels.decisionColumns;
  const header = [c.title, c.explanation, c.status, c.proposedBy, c.proposedOn, c.decidedOn, c.reviewDate, c.meeting, c.round,
    c.agreed, c.concerns, c.objections, c.withdrawn, c.pending, c.ignored];
  const rows = decisions.map((decision) => {
    const consent = consentSummary(decision, options.members);
    const list = (responses: readonly ResponseView[]): string => responses.map((response) => withNote(ctx, response)).join('\n');
    return [
      decision.title,
      decision.explanationText,
      statusText(decision, options.members, ctx.labels),
      ctx.name(decision.proposedBy),
      dateOf(decision.createdAt),
      decision.decidedOn ?? '',
      decision.reviewDate ?? '',
      ctx.meeting(decision.meetingDocId),
      String(decision.round),
      list(consent.agreed),
      list(consent.concerns),
      list(consent.objections),
      list(consent.withdrawn),
      consent.pending.map((member) => member.name).join('\n'),
      list(consent.ignored),
    ];
  });
  return toCsv(header, rows);
}

export function actionsToCsv(actions: readonly ActionView[], options: ExportOptions): string {
  const ctx = context(options);
  const c = ctx.labels.actionColumns;
  const yesNo = (value: boolean): string => (value ? ctx.labels.yes : ctx.labels.no);
  const header = [c.what, c.owners, c.due, c.done, c.doneBy, c.doneAt, c.overdue, c.meeting];
  const rows = actions.map((action) => [
    action.what,
    action.owners.map(ctx.name).join(', '),
    action.due ?? '',
    yesNo(action.done),
    action.doneBy ? ctx.name(action.doneBy) : '',
    action.doneAt ? dateOf(action.doneAt) : '',
    yesNo(isOverdue(action, options.today)),
    ctx.meeting(action.meetingDocId),
  ]);
  return toCsv(header, rows);
}

/** Escapes text so Markdown shows it as written (no headings, links, emphasis or HTML from member text). */
export function markdownText(value: string): string {
  return value
    .replace(/\s*\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>#|!~{}()])/g, '\\$1')
    .replace(/^([-+]|\d+\.)(\s)/, '\\$1$2');
}

export function decisionsToMarkdown(decisions: readonly DecisionView[], options: ExportOptions): string {
  const ctx = context(options);
  const l = ctx.labels;
  const c = l.decisionColumns;
  const lines: string[] = [`# ${markdownText(options.title ?? l.decisionsTitle)}`, ''];
  if (decisions.length === 0) lines.push(l.noDecisions, '');
  for (const decision of decisions) {
    const consent = consentSummary(decision, options.members);
    lines.push(`## ${markdownText(decision.title)}`, '');
    lines.push(`- ${c.status}: **${statusText(decision, options.members, l)}**`);
    lines.push(`- ${c.proposedBy}: ${markdownText(ctx.name(decision.proposedBy))} (${dateOf(decision.createdAt)})`);
    if (decision.decidedOn) lines.push(`- ${c.decidedOn}: ${decision.decidedOn}`);
    if (decision.reviewDate) lines.push(`- ${c.reviewDate}: ${decision.reviewDate}`);
    const meeting = ctx.meeting(decision.meetingDocId);
    if (meeting) lines.push(`- ${c.meeting}: ${markdownText(meeting)}`);
    lines.push('');
    const explanation = decision.explanationText.split('\n').filter((line) => line.trim());
    if (explanation.length > 0) lines.push(...explanation.map(markdownText).flatMap((line) => [line, '']));
    lines.push(`### ${l.consentHeading} (${c.round.toLowerCase()} ${decision.round})`, '');
    const group = (label: string, responses: readonly ResponseView[]): void => {
      if (responses.length > 0) lines.push(`- ${label}: ${responses.map((r) => markdownText(withNote(ctx, r))).join('; ')}`);
    };
    group(c.agreed, consent.agreed);
    group(c.concerns, consent.concerns);
    group(c.objections, consent.objections);
    group(c.withdrawn, consent.withdrawn);
    if (consent.pending.length > 0) lines.push(`- ${c.pending}: ${consent.pending.map((m) => markdownText(m.name)).join(', ')}`);
    group(c.ignored, consent.ignored);
    lines.push('');
  }
  return lines.join('\n');
}

export function actionsToMarkdown(actions: readonly ActionView[], options: ExportOptions): string {
  const ctx = context(options);
  const l = ctx.labels;
  const c = l.actionColumns;
  const lines: string[] = [`# ${markdownText(options.title ?? l.actionsTitle)}`, ''];
  if (actions.length === 0) lines.push(l.noActions);
  for (const action of actions) {
    const parts = [markdownText(action.what)];
    if (action.owners.length > 0) parts.push(`${c.owners}: ${action.owners.map((id) => markdownText(ctx.name(id))).join(', ')}`);
    if (action.due) parts.push(`${c.due}: ${action.due}${isOverdue(action, options.today) ? ` (**${c.overdue.toLowerCase()}**)` : ''}`);
    if (action.done && action.doneBy) parts.push(`${c.doneBy}: ${markdownText(ctx.name(action.doneBy))}${action.doneAt ? ` (${dateOf(action.doneAt)})` : ''}`);
    lines.push(`- [${action.done ? 'x' : ' '}] ${parts.join(' — ')}`);
  }
  lines.push('');
  return lines.join('\n');
}
