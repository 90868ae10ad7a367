/**
 * The workplace report for the municipality: a cover page (coalition,
 * workplace, date, who wrote along and in which role), then its parts, each
 * made by a section provider.
 *
 * The providers: the plans of approach, then the decision list (with status,
 * date and consent) and the open actions (listReportSections.ts). Each turns
 * what it reads into sections of plain rich text JSON, so the renderers need
 * no change for a new part.
 */
import type { Language } from '../../shared/apiMessages.ts';
import { exportLabels } from '../../shared/exchange/exportLabels.ts';
import type { Storage } from '../storage/Storage.ts';
import { resolveListChips } from './listChipText.ts';
import { decisionList, openActions } from './listReportSections.ts';
import { loadDocumentContent, type Contributor, type WorkspaceIndexView } from './exportSource.ts';
import type { PrintableDocument, PrintableSection } from './printableDocument.ts';

export interface ReportContext {
  storage: Storage;
  workspace: { id: string; name: string };
  workplace: { id: string; title: string };
  index: WorkspaceIndexView;
  language: Language;
}

/** What a provider gets: the report's context and its date (`YYYY-MM-DD`, e.g. to mark overdue actions). */
export type ReportSectionContext = ReportContext & { date: string };

export type ReportSectionProvider = (context: ReportSectionContext) => Promise<PrintableSection[]>;

/** Every plan of the workplace that is not archived, in the order the workplace shows them. */
export const plansOfApproach: ReportSectionProvider = async (context) => {
  const plans = context.index.documents.filter(
    (entry) => entry.workplaceId === context.workplace.id && entry.kind === 'plan' && !entry.archived,
  );
  const sections: PrintableSection[] = [];
  for (const plan of plans) {
    const content = await loadDocumentContent(context.storage, context.workspace.id, plan.id);
    sections.push({ heading: plan.title, content: await resolveListChips(context.storage, context.workspace.id, content, context.language, context.date) });
  }
  if (sections.length === 0) {
    const labels = exportLabels(context.language);
    sections.push({
      heading: labels.planOfApproach,
      content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: labels.noPlans }] }] },
    });
  }
  return sections;
};

export const REPORT_SECTION_PROVIDERS: readonly ReportSectionProvider[] = [plansOfApproach, decisionList, openActions];

export async function buildWorkplaceReport(
  context: ReportContext,
  contributors: readonly Contributor[],
  date: string,
  providers: readonly ReportSectionProvider[] = REPORT_SECTION_PROVIDERS,
): Promise<PrintableDocument> {
  const labels = exportLabels(context.language);
  const sections: PrintableSection[] = [];
  for (const provide of providers) sections.push(...(await provide({ ...context, date })));
  return {
    language: context.language,
    title: `${labels.reportTitle}: ${context.workplace.title}`,
    coalition: context.workspace.name,
    workplace: context.workplace.title,
    date,
    cover: { intro: labels.reportIntro, contributors },
    sections,
  };
}
