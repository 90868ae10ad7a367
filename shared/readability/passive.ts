/**
 * Passive sentences, found by a heuristic (no parser): a form of "worden" or
 * "zijn" together with a past participle in the same clause.
 *
 * - A participle is a word like ge…d/t/en (gemaakt, besproken: gesproken),
 *   also after a separable particle (uitgevoerd, afgesproken), or a verb with
 *   an unstressed prefix be-/ver-/ont-/her-/er- ending in d/t/en (besproken,
 *   verdeeld, ontvangen). Common nouns and infinitives that look like that
 *   (gebied, geven, gebruiken) are excluded.
 * - It counts after the auxiliary within the clause ("wordt door de buurt
 *   besproken"), or up to two words before it ("dat het besproken wordt").
 *   A comma, semicolon or another auxiliary (hebben) ends the clause.
 * - With "zijn" the verbs that form their perfect with zijn (is gegaan, is
 *   gebleven, is veranderd) are active, and are skipped.
 * It misses passives without these words and can flag a rare active
 * sentence; that is why the panel calls every finding a hint.
 */
import type { WordToken } from './words.ts';

const WORDEN = new Set(['word', 'wordt', 'worden', 'werd', 'werden']);
const ZIJN = new Set(['is', 'was', 'zijn', 'waren', 'ben', 'bent', 'geweest']);
const CLAUSE_BREAKERS = new Set(['heb', 'hebt', 'heeft', 'hebben', 'had', 'hadden', 'en', 'maar', 'want', 'omdat', 'als', 'toen']);
const PARTICLES = '(?:aan|af|bij|door|in|mee|na|om|op|over|samen|terug|toe|uit|voor|weg|vast|vrij|neer|rond|thuis|tegen)';
const GE_PARTICIPLE = new RegExp(`^${PARTICLES}?ge\\p{L}{2,}(?:d|t|en)$`, 'u');
const PREFIX_PARTICIPLE = /^(?:be|ver|ont|her|er)\p{L}{3,}(?:d|t|en)$/u;
const NOT_PARTICIPLES = new Set([
  'geven', 'gebeuren', 'gebruiken', 'geloven', 'genieten', 'gemeenten', 'gedachten', 'gebieden', 'gebied', 'geld', 'gezicht',
  'gezond', 'geluid', 'gedicht', 'gewicht', 'gewend', 'geboorten', 'gesprekken', 'gebouwen', 'gevoelens', 'gelegenheden',
  'belangen', 'bedrijven', 'bewoners', 'verhalen', 'beelden', 'bezoeken', 'bergen', 'berichten', 'verschillen', 'vergaderen',
  'ervaren', 'ervaringen', 'bespreken', 'beginnen', 'beslissen', 'bepalen', 'verbeteren', 'versterken', 'ontmoeten', 'ontwikkelen',
  'herinneren', 'verwachten', 'bereiken', 'betrekken', 'besteden', 'bedenken', 'begrijpen', 'beschrijven',
  'vertellen', 'verkopen', 'verdienen', 'vertrouwen', 'verantwoord', 'behoefte', 'betekent', 'bestaat', 'bestaan', 'bezit', 'gewoonten',
]);
/** Verbs whose perfect is formed with zijn: "is gegaan" is active. */
const ZIJN_PERFECT = new Set([
  'gegaan', 'gekomen', 'geweest', 'geworden', 'gebleven', 'gestorven', 'begonnen', 'gebeurd', 'gelukt', 'mislukt', 'vertrokken',
  'verhuisd', 'gegroeid', 'gestegen', 'gedaald', 'veranderd', 'verdwenen', 'ontstaan', 'opgegroeid', 'gestopt', 'geslaagd',
  'gevallen', 'gelopen', 'gefietst', 'gereden', 'gevlogen', 'ingetrokken', 'teruggekomen', 'meegegaan', 'aangekomen', 'afgelopen',
  'overleden', 'geboren', 'opgehouden', 'toegenomen', 'afgenomen', 'ontsnapt', 'verschenen', 'binnengekomen', 'thuisgekomen',
]);

export function isParticiple(word: string): boolean {
  const lower = word.toLowerCase();
  if (NOT_PARTICIPLES.has(lower)) return false;
  return GE_PARTICIPLE.test(lower) || PREFIX_PARTICIPLE.test(lower);
}

export interface PassiveMatch {
  /** Index of the first and last word of the construction in the sentence's words. */
  first: number;
  last: number;
}

/**
 * Passive constructions among the words of one sentence. `text` is the text
 * the word offsets point into, to see commas between words.
 */
export function findPassives(text: string, words: readonly WordToken[]): PassiveMatch[] {
  const found: PassiveMatch[] = [];
  const lower = words.map((word) => word.text.toLowerCase());
  const breaksBetween = (a: number, b: number): boolean => /[,;:()]/.test(text.slice(words[a]!.end, words[b]!.start));
  const fits = (auxiliary: string, participle: string): boolean =>
    isParticiple(participle) && !(ZIJN.has(auxiliary) && ZIJN_PERFECT.has(participle));
  for (let i = 0; i < words.length; i += 1) {
    const auxiliary = lower[i]!;
    if (!WORDEN.has(auxiliary) && !ZIJN.has(auxiliary)) continue;
    let match: PassiveMatch | null = null;
    for (let j = i + 1; j < words.length && j <= i + 12; j += 1) {
      if (breaksBetween(j - 1, j) || CLAUSE_BREAKERS.has(lower[j]!)) break;
      if (WORDEN.has(lower[j]!) || ZIJN.has(lower[j]!)) continue;
      if (fits(auxiliary, lower[j]!)) {
        match = { first: i, last: j };
        break;
      }
    }
    for (let j = i - 1; !match && j >= 0 && j >= i - 2; j -= 1) {
      if (breaksBetween(j, j + 1)) break;
      if (fits(auxiliary, lower[j]!)) match = { first: j, last: i };
    }
    if (match && !found.some((other) => other.first === match.first || other.last === match.last)) found.push(match);
  }
  return found;
}
