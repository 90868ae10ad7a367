import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { readScoreHistory, recordScore, type ScoreSample } from '../../shared/schema/readabilityHistory.ts';

/** Below this many words the score says little (an empty template), so no sample is kept. */
export const MIN_WORDS_FOR_SAMPLE = 10;
/**
 * Today's sample is written at once, then at most this often from one device:
 * every overwrite is an update to the index that every member receives and
 * that stays in its history, so typing must not rewrite it every few seconds.
 */
export const SAMPLE_INTERVAL_MS = 10 * 60_000;

/** Today on this device's calendar, `YYYY-MM-DD`. */
export function localDay(date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The document's daily scores from the index, live. Members who can edit
 * store today's score (one rounded sample per day, see
 * shared/schema/readabilityHistory.ts; refreshed at most every
 * SAMPLE_INTERVAL_MS); readers only read.
 */
export function useScoreHistory(indexDoc: Y.Doc | null, docId: string, score: number | null, words: number, canWrite: boolean): ScoreSample[] {
  const [samples, setSamples] = useState<ScoreSample[]>([]);
  useEffect(() => {
    if (!indexDoc) return undefined;
    let last = '';
    const read = (): void => {
      const next = readScoreHistory(indexDoc, docId);
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      setSamples(next);
    };
    read();
    indexDoc.on('afterTransaction', read);
    return () => indexDoc.off('afterTransaction', read);
  }, [indexDoc, docId]);

  const lastWrite = useRef(0);
  useEffect(() => {
    if (!indexDoc || !canWrite || score === null || words < MIN_WORDS_FOR_SAMPLE) return;
    const today = localDay();
    const hasToday = readScoreHistory(indexDoc, docId, 1).some((sample) => sample.day === today);
    if (hasToday && Date.now() - lastWrite.current < SAMPLE_INTERVAL_MS) return;
    if (recordScore(indexDoc, docId, today, score)) lastWrite.current = Date.now();
  }, [indexDoc, docId, score, words, canWrite]);

  return samples;
}
