/**
 * The Flesch-Douma reading ease for Dutch (W.H. Douma, 1960: Flesch's formula
 * with Dutch weights):
 *
 *   206.84 − 0.77 × (syllables per 100 words) − 0.93 × (average sentence length in words)
 *
 * Higher is easier. It only counts lengths, so it is an indication: it cannot
 * say whether a text is at B1 level, which also depends on the words chosen,
 * the order of the text and what the reader knows.
 */
export type ReadingBand = 'veryEasy' | 'easy' | 'fairlyEasy' | 'fairlyHard' | 'hard' | 'veryHard';

export function fleschDouma(words: number, sentences: number, syllables: number): number | null {
  if (words === 0 || sentences === 0) return null;
  return 206.84 - 0.77 * ((syllables / words) * 100) - 0.93 * (words / sentences);
}

/** The usual bands of the Flesch-Douma score, for the one-line explanation. */
export function readingBand(score: number): ReadingBand {
  if (score >= 80) return 'veryEasy';
  if (score >= 70) return 'easy';
  if (score >= 60) return 'fairlyEasy';
  if (score >= 50) return 'fairlyHard';
  if (score >= 30) return 'hard';
  return 'veryHard';
}
