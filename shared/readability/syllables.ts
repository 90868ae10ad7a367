/**
 * Dutch syllable counting. The word is first cut at the points the Dutch TeX
 * hyphenation patterns allow (the `hyphen` package), then the vowel units of
 * each piece are counted (vowelUnits.ts). The patterns know where compounds
 * and prefixes break (ge|ijkt, be|amen, zee|ën); the vowel units catch the
 * syllables the patterns do not cut at, such as the first letter of a word
 * (ide|aal has three). A short list of common English loanwords covers the
 * silent e and the English vowels neither method knows (website, stakeholder).
 * Spelling splits c/t/s + i + vowel where Dutch speech does not: so-ci-aal,
 * na-ti-o-naal and pen-si-oen are said so-sjaal, na-sjo-naal, pen-sjoen, so
 * that i is not counted before -aal/-ale/-eel/-ele/-oen/-on- (PALATAL_I).
 */
import hyphenNl from 'hyphen/nl';
import { countVowelUnits } from './vowelUnits.ts';

/** Loanwords as they are said in Dutch; matched on the whole word and as the last part of a compound. */
const LOANWORDS: Record<string, number> = {
  stakeholder: 3,
  stakeholders: 3,
  website: 2,
  websites: 2,
  online: 2,
  offline: 2,
  deadline: 2,
  deadlines: 2,
  update: 2,
  updates: 2,
  coach: 1,
  coaches: 2,
  coaching: 2,
  team: 1,
  teams: 1,
  teamleider: 3,
  meeting: 2,
  meetings: 2,
  feedback: 2,
  workshop: 2,
  workshops: 2,
  manager: 3,
  managers: 3,
  care: 1,
  homecare: 2,
  outreach: 2,
  empowerment: 4,
  input: 2,
  output: 2,
  laptop: 2,
  computer: 3,
  app: 1,
  apps: 1,
  chat: 1,
  mail: 1,
  email: 2,
  'e-mail': 2,
  service: 2,
  software: 3,
  live: 1,
  game: 1,
  games: 1,
  timing: 2,
  baby: 2,
  hobby: 2,
  kpi: 3,
};

const HYPHEN = '|';
const PALATAL_I = /[cst]i(?=aal|ale|eel|ele|oen|on)/g;
const cache = new Map<string, number>();
const CACHE_LIMIT = 20_000;

// Longest first, so "stakeholders" wins over a shorter ending.
const LOANWORD_ENDINGS = Object.keys(LOANWORDS)
  .filter((word) => word.length >= 5)
  .sort((a, b) => b.length - a.length);

function syllablesOfPart(part: string): number {
  const known = LOANWORDS[part];
  if (known !== undefined) return known;
  const ending = LOANWORD_ENDINGS.find((word) => part.length > word.length + 1 && part.endsWith(word));
  if (ending) return syllablesOfPart(part.slice(0, -ending.length)) + LOANWORDS[ending]!;
  const pieces = hyphenNl.hyphenateSync(part, { hyphenChar: HYPHEN, minWordLength: 1 }).split(HYPHEN);
  const counted = pieces.reduce((sum, piece) => sum + countVowelUnits(piece), 0);
  const palatal = part.match(PALATAL_I)?.length ?? 0;
  return Math.max(1, counted - palatal);
}

/**
 * Syllables in one word. Hyphenated words (buurt-app) are counted per part;
 * a word without any letter (a number) counts as one syllable.
 */
export function countSyllables(word: string): number {
  const key = word.toLowerCase().replace(/[’']/g, '');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parts = LOANWORDS[key] !== undefined ? [key] : key.split('-').filter((part) => part.length > 0);
  const count = Math.max(
    1,
    parts.reduce((sum, part) => sum + (/\p{L}/u.test(part) ? syllablesOfPart(part) : 1), 0),
  );
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, count);
  return count;
}
