/** What the page and the readability worker say to each other. */
import type { ReadabilityResult, TextBlock } from '../../shared/readability/analyzeText.ts';
import type { JargonEntry } from '../../shared/readability/jargonMatcher.ts';

export interface AnalyzeRequest {
  id: number;
  blocks: TextBlock[];
  jargon: JargonEntry[];
}

export interface AnalyzeResponse {
  id: number;
  result: ReadabilityResult;
}
