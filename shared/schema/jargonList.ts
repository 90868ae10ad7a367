/**
 * The coalition's jargon list (word → plain alternative), kept in the
 * workspace index document so every member sees changes live. Layout:
 *
 *   jargonList:      Y.Map<word, alternative>       word is lower-case and trimmed
 *   jargonListState: Y.Map{ seeded: true }           set once the starting list was written
 *
 * Until someone edits the list, readers see STARTING_JARGON_LIST without it
 * being written, so opening a workspace changes nothing. The first change
 * writes the starting list first (once: the flag stops a second seed), so a
 * coalition that removes a starting word keeps it removed. Both maps are
 * top-level, so two people seeding at the same time merge instead of one
 * nested map replacing the other.
 */
import type * as Y from 'yjs';
import type { JargonEntry } from '../readability/jargonMatcher.ts';
import { STARTING_JARGON_LIST } from '../readability/startingJargonList.ts';

export const MAX_JARGON_WORD_LENGTH = 60;
export const MAX_JARGON_ALTERNATIVE_LENGTH = 160;
export const MAX_JARGON_ENTRIES = 1000;

export type JargonProblem = 'wordRequired' | 'wordTooLong' | 'alternativeRequired' | 'alternativeTooLong' | 'tooMany';

function entriesMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap('jargonList');
}

function stateMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('jargonListState');
}

/** The form a word is stored under: lower-case, single spaces. */
export function normalizeJargonWord(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function isJargonListSeeded(doc: Y.Doc): boolean {
  return stateMap(doc).get('seeded') === true;
}

export function readJargonList(doc: Y.Doc): JargonEntry[] {
  if (!isJargonListSeeded(doc)) return [...STARTING_JARGON_LIST].sort((a, b) => a.word.localeCompare(b.word, 'nl'));
  const entries: JargonEntry[] = [];
  entriesMap(doc).forEach((alternative, word) => {
    if (typeof alternative === 'string') entries.push({ word, alternative });
  });
  return entries.sort((a, b) => a.word.localeCompare(b.word, 'nl'));
}

/** What is wrong with a new or changed entry, or null when it can be saved. */
export function jargonEntryProblem(doc: Y.Doc, word: string, alternative: string, replacing?: string): JargonProblem | null {
  const key = normalizeJargonWord(word);
  if (!/\p{L}/u.test(key)) return 'wordRequired';
  if (key.length > MAX_JARGON_WORD_LENGTH) return 'wordTooLong';
  if (alternative.trim() === '') return 'alternativeRequired';
  if (alternative.trim().length > MAX_JARGON_ALTERNATIVE_LENGTH) return 'alternativeTooLong';
  const list = readJargonList(doc);
  const isNew = !list.some((entry) => entry.word === key) && replacing === undefined;
  if (isNew && list.length >= MAX_JARGON_ENTRIES) return 'tooMany';
  return null;
}

function seedIfNeeded(doc: Y.Doc): void {
  if (isJargonListSeeded(doc)) return;
  const entries = entriesMap(doc);
  for (const entry of STARTING_JARGON_LIST) entries.set(entry.word, entry.alternative);
  stateMap(doc).set('seeded', true);
}

/**
 * Adds an entry, or changes one. `replacing` is the word being edited, so a
 * changed spelling replaces the old entry. Returns the problem instead of
 * writing anything when the entry is not valid.
 */
export function setJargonEntry(doc: Y.Doc, word: string, alternative: string, replacing?: string): JargonProblem | null {
  const problem = jargonEntryProblem(doc, word, alternative, replacing);
  if (problem) return problem;
  const key = normalizeJargonWord(word);
  doc.transact(() => {
    seedIfNeeded(doc);
    const entries = entriesMap(doc);
    if (replacing !== undefined && normalizeJargonWord(replacing) !== key) entries.delete(normalizeJargonWord(replacing));
    entries.set(key, alternative.trim());
  });
  return null;
}

export function removeJargonEntry(doc: Y.Doc, word: string): boolean {
  const key = normalizeJargonWord(word);
  if (!readJargonList(doc).some((entry) => entry.word === key)) return false;
  doc.transact(() => {
    seedIfNeeded(doc);
    entriesMap(doc).delete(key);
  });
  return true;
}
