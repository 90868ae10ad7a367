/**
 * The readability analysis of a document, given as its text blocks
 * (paragraphs, list items, table cells, headings). Pure: the browser runs it
 * in a Web Worker, so a document's text never leaves the device for it.
 *
 * Headings are checked for jargon and long words, but left out of the score
 * and the sentence counts: "Doel" or "Planning" are labels, not sentences,
 * and would make every plan look easier than it is.
 */
import { FINDING_KINDS, type Finding, type ReadabilityResult } from './findings.ts';
import { fleschDouma, readingBand } from './fleschDouma.ts';
import { createJargonMatcher, jargonInWords, type JargonEntry } from './jargonMatcher.ts';
import { findPassives } from './passive.ts';
import { splitSentences } from './sentences.ts';
import { countSyllables } from './syllables.ts';
import { findWords, hasLetter } from './words.ts';

export { FINDING_KINDS, type Finding, type FindingKind, type ReadabilityResult } from './findings.ts';

export const LONG_SENTENCE_WORDS = 20;
export const LONG_WORD_SYLLABLES = 4;

export interface TextBlock {
  text: string;
  heading?: boolean;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function analyzeText(blocks: readonly TextBlock[], jargon: readonly JargonEntry[]): ReadabilityResult {
  const matcher = createJargonMatcher(jargon);
  const findings: Finding[] = [];
  let words = 0;
  let sentences = 0;
  let syllables = 0;

  blocks.forEach((block, index) => {
    const { text } = block;
    const jargonHits = [...matcher.phrases(text), ...jargonInWords(matcher, findWords(text))];
    for (const hit of jargonHits) {
      findings.push({ kind: 'jargon', block: index, start: hit.start, end: hit.end, text: text.slice(hit.start, hit.end), alternative: hit.entry.alternative });
    }
    for (const sentence of splitSentences(text)) {
      const sentenceWords = findWords(text, sentence.start, sentence.end);
      if (sentenceWords.length === 0) continue;
      for (const word of sentenceWords) {
        const count = countSyllables(word.text);
        if (!block.heading) syllables += count;
        if (count >= LONG_WORD_SYLLABLES && hasLetter(word.text) && !jargonHits.some((hit) => overlaps(hit, word))) {
          findings.push({ kind: 'longWord', block: index, start: word.start, end: word.end, text: word.text, count });
        }
      }
      if (block.heading) continue;
      words += sentenceWords.length;
      sentences += 1;
      if (sentenceWords.length > LONG_SENTENCE_WORDS) {
        findings.push({
          kind: 'longSentence',
          block: index,
          start: sentence.start,
          end: sentence.end,
          text: text.slice(sentence.start, sentence.end),
          count: sentenceWords.length,
        });
      }
      for (const passive of findPassives(text, sentenceWords)) {
        const start = sentenceWords[passive.first]!.start;
        const end = sentenceWords[passive.last]!.end;
        findings.push({ kind: 'passive', block: index, start, end, text: text.slice(start, end) });
      }
    }
  });

  findings.sort((a, b) => a.block - b.block || a.start - b.start || FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
  const raw = fleschDouma(words, sentences, syllables);
  const score = raw === null ? null : Math.round(raw * 10) / 10;
  return { score, band: score === null ? null : readingBand(score), words, sentences, syllables, findings };
}
