/**
 * Words of a text with their places. A word is a run of letters or digits,
 * joined by an apostrophe or hyphen (buurt-app, auto's, 's-Hertogenbosch).
 */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function findWords(text: string, from = 0, to = text.length): WordToken[] {
  const words: WordToken[] = [];
  const slice = text.slice(from, to);
  for (const match of slice.matchAll(WORD)) {
    const start = from + (match.index ?? 0);
    words.push({ text: match[0], start, end: start + match[0].length });
  }
  return words;
}

export function hasLetter(word: string): boolean {
  return /\p{L}/u.test(word);
}
