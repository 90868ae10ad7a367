/**
 * The fallback syllable count: the number of vowel units in a word. Dutch
 * writes one vowel sound with two or three letters (aa, ee, oo, uu, ie, oe, eu,
 * ui, ij, ei, ou, au, and aai, ooi, oei, eeu, ieu, eau), so those count once. A
 * trema (ë, ï, ü, ö, ä) marks the start of a new syllable (ideeën, ruïne,
 * Australië): it never joins the letters before it, but it can begin a
 * digraph of its own (beëindigen: be-ëin-di-gen; naïef: na-ïef).
 */

const TREMA: Record<string, string> = { ä: 'a', ë: 'e', ï: 'i', ö: 'o', ü: 'u' };
const PLAIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
// Accents other than the trema do not split a vowel (één, café, à la): read them as the plain letter.
const ACCENTED: Record<string, string> = { á: 'a', à: 'a', â: 'a', é: 'e', è: 'e', ê: 'e', í: 'i', ì: 'i', î: 'i', ó: 'o', ò: 'o', ô: 'o', ú: 'u', ù: 'u', û: 'u' };
const TRIGRAPHS = new Set(['aai', 'ooi', 'oei', 'eeu', 'ieu', 'eau']);
const DIGRAPHS = new Set(['aa', 'ee', 'oo', 'uu', 'ie', 'oe', 'eu', 'ui', 'ij', 'ei', 'ou', 'au']);

function plain(letter: string): string {
  return ACCENTED[letter] ?? letter;
}

/** Number of vowel units in one word (letters only; other characters are ignored). */
export function countVowelUnits(word: string): number {
  const letters = [...word.toLowerCase()].map(plain);
  let units = 0;
  let i = 0;
  while (i < letters.length) {
    const letter = letters[i]!;
    const vowel = TREMA[letter] ?? letter;
    if (!PLAIN_VOWELS.has(vowel)) {
      i += 1;
      continue;
    }
    units += 1;
    // Letters after this one join it only when they carry no trema themselves.
    const next = letters.slice(i + 1, i + 3).map((later) => (TREMA[later] ? '#' : later));
    const three = [vowel, ...next].join('');
    const two = [vowel, ...next.slice(0, 1)].join('');
    if (TRIGRAPHS.has(three)) i += 3;
    else if (DIGRAPHS.has(two)) i += 2;
    else i += 1;
  }
  return units;
}
