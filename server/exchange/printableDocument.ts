/**
 * What both the Word and the PDF renderer print: a title block (or, for the
 * workplace report, a cover page) and sections of rich text. A single plan is
 * one section; the report is one section per plan plus whatever its section
 * providers add (workplaceReport.ts).
 */
import type { JSONContent } from '@tiptap/core';
import type { Language } from '../../shared/apiMessages.ts';
import type { Contributor } from './exportSource.ts';

export interface PrintableSection {
  /** Shown above the section's content; the report starts every section on a new page. */
  heading?: string;
  content: JSONContent;
}

export interface PrintableDocument {
  language: Language;
  title: string;
  /** A line under the title: "Plan van aanpak", the meeting's date. */
  subtitle?: string;
  coalition: string;
  workplace: string | null;
  /** The day it was exported (YYYY-MM-DD). */
  date: string;
  /** The report's cover page; a single document gets a compact title block instead. */
  cover?: { intro: string; contributors: readonly Contributor[] };
  sections: readonly PrintableSection[];
}
