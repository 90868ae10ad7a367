/**
 * Which starting content each kind of new document gets. The texts live in
 * shared/schema so tests and the example workspace use the same ones.
 */
import { defaultMeetingTitle, meetingTemplate } from '../../shared/schema/meetingTemplate.ts';
import { PLAN_TEMPLATE, PLAN_TEMPLATE_TITLE } from '../../shared/schema/planTemplate.ts';
import type { Block } from '../../shared/schema/richText.ts';
import type { CreatableKind } from '../../shared/api.ts';

export interface NewDocumentContent {
  title: string;
  blocks: readonly Block[];
}

export function templateFor(kind: CreatableKind, date: string): NewDocumentContent {
  switch (kind) {
    case 'plan':
      return { title: PLAN_TEMPLATE_TITLE, blocks: PLAN_TEMPLATE };
    case 'meeting':
      return { title: defaultMeetingTitle(date), blocks: meetingTemplate(date) };
    default: {
      const unknown: never = kind;
      throw new Error(`no template for ${String(unknown)}`);
    }
  }
}

/** Today's date on the server, `YYYY-MM-DD`, in the server's own time zone. */
export function localIsoDate(at: number): string {
  const date = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
