/**
 * The coalition's jargon list (word → plain alternative), kept in the
 * workspace index document so every member sees changes live. Layout:
 *
 *   jargonList: Y.Map<word, alternative | false>     word is lower-case and trimmed
 *
 * The map holds only the coalition's changes on top of STARTING_JARGON_LIST:
 * a string adds or changes a word, `false` removes it (also a starting word).
 * So opening a workspace writes nothing, two people editing different words
 * never touch the same key, and a removed starting word stays removed. (An
 * earlier design copied the starting list in on the first edit; two people
 * doing that at once could bring back a word one of them had just removed.)
 * Words added to STARTING_JARGON_LIST in a later release reach existing
 * workspaces too, unless they removed that word.
 */
import type * as Y from 'yjs';
import type { JargonEntry } from '../readability/jargonMatcher.ts';
import { STARTING_JARGON_LIST } from '../readability/startingJargonList.ts';

export const MAX_JARGON_WORD_LENGTH = 60;
export const MAX_JARGON_ALTERNATIVE_LENGTH = 160;
export const MAX_JARGON_ENTRIES = 1000;

export type JargonProblem = 'wordRequired' | 'wordTooLong' | 'alternativeRequired' | 'alternativeTooLong' | 'tooMany';

function changesMap(doc: Y.Doc): Y.Map<string | false> {
  return doc.getMap('jargonList');
}

/** The form a word is stored under: lower-case, single spaces. */
export function normalizeJargonWord(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether the coalition changed the starting list at all. */
export function isJargonListChanged(doc: Y.Doc): boolean {
  return changesMap(doc).size > 0;
}

export function readJargonList(doc: Y.Doc): JargonEntry[] {
  const list = new Map(STARTING_JARGON_LIST.map((entry) => [entry.word, entry.alternative]));
  changesMap(doc).forEach((alternative, word) => {
    if (typeof alternative === 'string') list.set(word, alternative);
    else list.delete(word);
  });
  return [...list].map(([word, alternative]) => ({ word, alternative })).sort((a, b) => a.word.localeCompare(b.word, 'nl'));
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
    const changes = changesMap(doc);
    if (replacing !== undefined && normalizeJargonWord(replacing) !== key) changes.set(normalizeJargonWord(replacing), false);
    changes.set(key, alternative.trim());
  });
  return null;
}

export function removeJargonEntry(doc: Y.Doc, word: string): boolean {
  const key = normalizeJargonWord(word);
  if (!readJargonList(doc).some((entry) => entry.word === key)) return false;
  changesMap(doc).set(key, false);
  return true;
}
