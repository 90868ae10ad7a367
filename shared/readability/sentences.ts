/**
 * Splitting one block of text (a paragraph, list item or table cell) into
 * sentences. A sentence ends at . ! ? or … followed by a space and a capital,
 * digit or opening quote, or at the end of the block or a line break. A full
 * stop does not end a sentence after a known abbreviation (bijv., o.a.,
 * d.w.z.), after an initial (J. de Vries), after any run of letter-dot pairs
 * (z.s.m.), or after a number that opens the sentence (a list: "1. Eerst").
 * "enz." and "etc." may close a sentence, so they end one when a capital follows.
 */
export interface TextRange {
  start: number;
  end: number;
}

/** Lower-case, without their final dot. */
const ABBREVIATIONS = new Set([
  'bijv', 'bv', 'o.a', 'd.w.z', 'm.b.t', 't.a.v', 'i.p.v', 'i.v.m', 'z.s.m', 'e.d', 'e.a', 'a.s', 'n.a.v', 'm.n', 'o.b.v', 'i.o.m',
  'incl', 'excl', 'ca', 'nr', 'dhr', 'mevr', 'mr', 'dr', 'drs', 'ing', 'ir', 'prof', 'st', 'jl', 'vs', 'evt', 'resp', 'tel', 'blz',
  'p', 'pag', 'zgn', 'zg', 'ong', 'min', 'max', 'gem', 'jr', 'sr', 'afd', 'wo', 'vgl', 'ivm', 'tav', 'etc', 'enz',
  'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec', 'ma', 'di', 'do', 'vr', 'za', 'zo',
]);
/** Abbreviations that often stand at the end of a sentence. */
const MAY_CLOSE = new Set(['enz', 'etc', 'e.d', 'e.a']);

const TERMINATOR = /[.!?…]+["'”’)\]]*/gu;
const STARTS_SENTENCE = /^\s+["'“‘(\[]?[\p{Lu}\p{N}]/u;

/** The dotted word that ends just before `dot` ("o.a" for "… o.a."), lower-cased. */
function tokenBefore(text: string, dot: number): string {
  let start = dot;
  while (start > 0 && /[\p{L}\p{N}.]/u.test(text[start - 1]!)) start -= 1;
  return text.slice(start, dot).toLowerCase();
}

function isAbbreviationDot(text: string, dot: number, sentenceStart: number): boolean {
  const token = tokenBefore(text, dot);
  if (token === '') return false;
  if (ABBREVIATIONS.has(token)) return true;
  if (/^\p{L}$/u.test(token)) return true;
  if (/^(\p{L}\.)+\p{L}$/u.test(token)) return true;
  const tokenStart = dot - token.length;
  return /^\d+$/.test(token) && text.slice(sentenceStart, tokenStart).trim() === '';
}

export function splitSentences(text: string): TextRange[] {
  const sentences: TextRange[] = [];
  let start = 0;
  const close = (end: number): void => {
    const piece = text.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    const trimmedEnd = start + piece.trimEnd().length;
    if (trimmedEnd > start + lead) sentences.push({ start: start + lead, end: trimmedEnd });
    start = end;
  };
  for (const lineBreak of text.matchAll(/\n/g)) {
    splitLine(text, start, lineBreak.index ?? 0, close);
    start = (lineBreak.index ?? 0) + 1;
  }
  splitLine(text, start, text.length, close);
  return sentences;
}

function splitLine(text: string, from: number, to: number, close: (end: number) => void): void {
  let sentenceStart = from;
  const line = text.slice(0, to);
  TERMINATOR.lastIndex = from;
  for (let match = TERMINATOR.exec(line); match; match = TERMINATOR.exec(line)) {
    const end = match.index + match[0].length;
    const rest = line.slice(end);
    if (rest.trim() === '') break;
    if (!STARTS_SENTENCE.test(rest)) continue;
    if (/^\.["'”’)\]]*$/u.test(match[0])) {
      const token = tokenBefore(text, match.index);
      if (isAbbreviationDot(text, match.index, sentenceStart) && !MAY_CLOSE.has(token)) continue;
    }
    close(end);
    sentenceStart = end;
  }
  close(to);
}
