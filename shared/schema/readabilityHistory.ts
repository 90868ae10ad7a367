/**
 * The reading-ease trend of each document: one Flesch-Douma sample per
 * document per day, in the workspace index document so everyone sees the same
 * trend. Layout:
 *
 *   readabilityScores: Y.Map<`${docId}/${YYYY-MM-DD}`, number>
 *
 * Flat keys on purpose: writers on different devices never create the same
 * nested map twice. The last score of a day wins; a client only writes when
 * the rounded score differs from the stored one, so typing does not flood the
 * index with updates. A year of daily samples is about 365 small entries per
 * document; only the newest MAX_SAMPLES_SHOWN are read back.
 */
import type * as Y from 'yjs';

export interface ScoreSample {
  day: string;
  score: number;
}

export const MAX_SAMPLES_SHOWN = 30;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function scoresMap(doc: Y.Doc): Y.Map<number> {
  return doc.getMap('readabilityScores');
}

/** The samples of one document, oldest first, at most the newest `limit`. */
export function readScoreHistory(doc: Y.Doc, docId: string, limit = MAX_SAMPLES_SHOWN): ScoreSample[] {
  const prefix = `${docId}/`;
  const samples: ScoreSample[] = [];
  scoresMap(doc).forEach((score, key) => {
    if (!key.startsWith(prefix) || typeof score !== 'number' || !Number.isFinite(score)) return;
    const day = key.slice(prefix.length);
    if (DAY.test(day)) samples.push({ day, score });
  });
  samples.sort((a, b) => a.day.localeCompare(b.day));
  return samples.slice(-limit);
}

/** Stores today's score (rounded to a whole number); returns whether anything was written. */
export function recordScore(doc: Y.Doc, docId: string, day: string, score: number): boolean {
  if (!DAY.test(day) || !Number.isFinite(score)) return false;
  const rounded = Math.round(score);
  const key = `${docId}/${day}`;
  if (scoresMap(doc).get(key) === rounded) return false;
  scoresMap(doc).set(key, rounded);
  return true;
}

/** The latest sample from a day before `today`, to compare the current score with. */
export function previousSample(samples: readonly ScoreSample[], today: string): ScoreSample | undefined {
  return [...samples].reverse().find((sample) => sample.day < today);
}
