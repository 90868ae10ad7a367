/**
 * What the readability analysis reports. Kept apart from analyzeText.ts so the
 * page can use these names without loading the analysis (and its hyphenation
 * patterns), which runs in a Web Worker.
 */
import type { ReadingBand } from './fleschDouma.ts';

export type FindingKind = 'longSentence' | 'passive' | 'jargon' | 'longWord';
export const FINDING_KINDS: readonly FindingKind[] = ['longSentence', 'passive', 'jargon', 'longWord'];

export interface Finding {
  kind: FindingKind;
  /** Index of the block, and the range inside its text. */
  block: number;
  start: number;
  end: number;
  /** The text found (a word, a phrase or a whole sentence). */
  text: string;
  /** longSentence: its number of words; longWord: its number of syllables. */
  count?: number;
  /** jargon: the plain alternative from the list. */
  alternative?: string;
}

export interface ReadabilityResult {
  /** Flesch-Douma score, rounded to one decimal; null without any sentence. */
  score: number | null;
  band: ReadingBand | null;
  words: number;
  sentences: number;
  syllables: number;
  findings: Finding[];
}
