/**
 * Finds words from the coalition's jargon list in a text, with the usual Dutch
 * inflections: plural and -e endings (doelgroepen, interventies, preventieve),
 * and for -eren verbs the present and past forms and the participle
 * (implementeert, faciliteerde, geïmplementeerd). Entries of several words
 * ("ten behoeve van") match with any spacing.
 */
import type { WordToken } from './words.ts';

export interface JargonEntry {
  word: string;
  alternative: string;
}

export interface JargonHit {
  start: number;
  end: number;
  entry: JargonEntry;
}

export interface JargonMatcher {
  /** The entry a single word belongs to, if any. */
  lookup(word: string): JargonEntry | undefined;
  /** Entries of several words, found in a text. */
  phrases(text: string): JargonHit[];
}

const TREMA_OF: Record<string, string> = { a: 'ä', e: 'ë', i: 'ï', o: 'ö', u: 'ü' };

/** Participle prefix: "ge", with a trema on a vowel that follows the e (geïmplementeerd, geëvalueerd). */
function withGe(stem: string): string {
  const first = stem[0] ?? '';
  return 'ge' + (TREMA_OF[first] ? TREMA_OF[first] + stem.slice(1) : stem);
}

export function wordForms(word: string): string[] {
  const forms = new Set([word, `${word}s`, `${word}en`, `${word}e`, `${word}n`, `${word}'s`]);
  if (word.endsWith('eren') && word.length > 5) {
    const stem = `${word.slice(0, -4)}eer`;
    for (const form of [stem, `${stem}t`, `${stem}de`, `${stem}den`, `${stem}d`, withGe(`${stem}d`), `${word}d`, `${word}de`]) forms.add(form);
  } else if (word.endsWith('en') && word.length > 4) {
    const stem = word.slice(0, -2);
    for (const form of [stem, `${stem}t`]) forms.add(form);
  }
  if (word.endsWith('ief')) forms.add(`${word.slice(0, -1)}ve`);
  if (word.endsWith('eel')) forms.add(`${word.slice(0, -2)}le`);
  return [...forms];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createJargonMatcher(entries: readonly JargonEntry[]): JargonMatcher {
  const single = new Map<string, JargonEntry>();
  const phrases: Array<{ pattern: RegExp; entry: JargonEntry }> = [];
  for (const entry of entries) {
    const word = entry.word.trim().toLowerCase();
    if (word === '') continue;
    if (/\s/.test(word)) {
      const body = word.split(/\s+/).map(escapeRegExp).join('\\s+');
      phrases.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu'), entry });
      continue;
    }
    // An exact entry wins over a form of another one (preventie vs. preventief).
    single.set(word, entry);
    for (const form of wordForms(word)) if (!single.has(form)) single.set(form, entry);
  }
  for (const entry of entries) {
    const word = entry.word.trim().toLowerCase();
    if (word !== '' && !/\s/.test(word)) single.set(word, entry);
  }
  return {
    lookup: (word) => single.get(word.toLowerCase()),
    phrases(text) {
      const hits: JargonHit[] = [];
      for (const { pattern, entry } of phrases) {
        pattern.lastIndex = 0;
        for (const match of text.matchAll(pattern)) {
          const start = match.index ?? 0;
          hits.push({ start, end: start + match[0].length, entry });
        }
      }
      return hits;
    },
  };
}

export function jargonInWords(matcher: JargonMatcher, words: readonly WordToken[]): JargonHit[] {
  const hits: JargonHit[] = [];
  for (const word of words) {
    const entry = matcher.lookup(word.text);
    if (entry) hits.push({ start: word.start, end: word.end, entry });
  }
  return hits;
}
