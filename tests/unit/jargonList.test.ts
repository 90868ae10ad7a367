/** The jargon list in the workspace index: starting list, edits, validation, merging two people's edits. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STARTING_JARGON_LIST } from '../../shared/readability/startingJargonList.ts';
import {
  isJargonListChanged,
  readJargonList,
  removeJargonEntry,
  setJargonEntry,
} from '../../shared/schema/jargonList.ts';
import { previousSample, readScoreHistory, recordScore } from '../../shared/schema/readabilityHistory.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('jargon list', () => {
  it('starts with at least 40 welfare and policy words, each with an alternative, without writing anything', () => {
    const doc = new Y.Doc();
    const list = readJargonList(doc);
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(list.map((entry) => entry.word)).toEqual(expect.arrayContaining(['doelgroep', 'casuïstiek', 'interventie', 'participatie', 'zelfredzaamheid']));
    expect(list.every((entry) => entry.alternative.trim().length > 0)).toBe(true);
    expect(isJargonListChanged(doc)).toBe(false);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(3);
  });

  it('adds, changes and removes entries on top of the starting list', () => {
    const doc = new Y.Doc();
    expect(setJargonEntry(doc, '  Stakeholder-analyse ', 'kijken wie erbij hoort')).toBeNull();
    expect(readJargonList(doc)).toHaveLength(STARTING_JARGON_LIST.length + 1);
    expect(readJargonList(doc).find((entry) => entry.word === 'stakeholder-analyse')?.alternative).toBe('kijken wie erbij hoort');
    expect(setJargonEntry(doc, 'doelgroepen', 'groep', 'doelgroep')).toBeNull();
    expect(readJargonList(doc).map((entry) => entry.word)).not.toContain('doelgroep');
    expect(removeJargonEntry(doc, 'casuïstiek')).toBe(true);
    expect(removeJargonEntry(doc, 'casuïstiek')).toBe(false);
    expect(readJargonList(doc).map((entry) => entry.word)).not.toContain('casuïstiek');
  });

  it('refuses an entry without a word or alternative, or too long, and changes nothing', () => {
    const doc = new Y.Doc();
    expect(setJargonEntry(doc, ' ', 'iets')).toBe('wordRequired');
    expect(setJargonEntry(doc, 'woord', '  ')).toBe('alternativeRequired');
    expect(setJargonEntry(doc, 'x'.repeat(61), 'iets')).toBe('wordTooLong');
    expect(setJargonEntry(doc, 'woord', 'y'.repeat(161))).toBe('alternativeTooLong');
    expect(isJargonListChanged(doc)).toBe(false);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('merges two people editing at the same time (client ids seed %i): every change stays', (seed) => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    // Which of two concurrent writes wins depends on the client ids: try both orders.
    a.clientID = seed;
    b.clientID = 100 - seed * 10;
    setJargonEntry(a, 'wijkgericht', 'in de wijk');
    setJargonEntry(b, 'aanbesteding', 'opdracht aan een bedrijf');
    removeJargonEntry(b, 'thans');
    setJargonEntry(a, 'middels', 'met behulp van');
    sync(a, b);
    const words = readJargonList(a).map((entry) => entry.word);
    expect(readJargonList(b)).toEqual(readJargonList(a));
    expect(words).toEqual(expect.arrayContaining(['wijkgericht', 'aanbesteding', 'middels']));
    expect(words).not.toContain('thans');
    expect(readJargonList(a).find((entry) => entry.word === 'middels')?.alternative).toBe('met behulp van');
    expect(new Set(words).size).toBe(words.length);
  });

  it('keeps a removed starting word removed, and lets it be added again', () => {
    const doc = new Y.Doc();
    removeJargonEntry(doc, 'doelgroep');
    expect(readJargonList(doc).map((entry) => entry.word)).not.toContain('doelgroep');
    setJargonEntry(doc, 'doelgroep', 'wie we willen bereiken');
    expect(readJargonList(doc).find((entry) => entry.word === 'doelgroep')?.alternative).toBe('wie we willen bereiken');
  });
});

describe('readability history', () => {
  it('keeps one rounded sample per document per day and finds the previous day', () => {
    const doc = new Y.Doc();
    expect(recordScore(doc, 'p1', '2026-11-20', 48.4)).toBe(true);
    expect(recordScore(doc, 'p1', '2026-11-24', 52.2)).toBe(true);
    expect(recordScore(doc, 'p1', '2026-11-25', 60.6)).toBe(true);
    expect(recordScore(doc, 'p1', '2026-11-25', 60.9)).toBe(false);
    expect(recordScore(doc, 'p2', '2026-11-25', 70)).toBe(true);
    const samples = readScoreHistory(doc, 'p1');
    expect(samples).toEqual([
      { day: '2026-11-20', score: 48 },
      { day: '2026-11-24', score: 52 },
      { day: '2026-11-25', score: 61 },
    ]);
    expect(previousSample(samples, '2026-11-25')).toEqual({ day: '2026-11-24', score: 52 });
    expect(recordScore(doc, 'p1', 'gisteren', 10)).toBe(false);
  });
});
