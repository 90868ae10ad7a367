/**
 * Flesch-Douma on reference texts counted by hand:
 *   score = 206.84 − 0.77 × (syllables per 100 words) − 0.93 × (words per sentence)
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/readability/analyzeText.ts';
import { fleschDouma, readingBand } from '../../shared/readability/fleschDouma.ts';

describe('Flesch-Douma', () => {
  it('scores a very short, simple text', () => {
    // "De buurt maakt een plan." de(1) buurt(1) maakt(1) een(1) plan(1): 5 words, 5 syllables.
    // "Wij doen mee."            wij(1) doen(1) mee(1):                 3 words, 3 syllables.
    // 8 words, 8 syllables, 2 sentences: 100 syllables per 100 words, 4 words per sentence.
    // 206.84 − 0.77 × 100 − 0.93 × 4 = 206.84 − 77 − 3.72 = 126.12 → 126.1
    const result = analyzeText([{ text: 'De buurt maakt een plan. Wij doen mee.' }], []);
    expect([result.words, result.syllables, result.sentences]).toEqual([8, 8, 2]);
    expect(result.score).toBe(126.1);
    expect(result.band).toBe('veryEasy');
  });

  it('scores a text with long policy words', () => {
    // "De gemeente organiseert een bijeenkomst over de samenwerking."
    //   de(1) ge-meen-te(3) or-ga-ni-seert(4) een(1) bij-een-komst(3) o-ver(2) de(1) sa-men-wer-king(4): 8 words, 19 syllables
    // "Bewoners en ambtenaren bespreken het plan van aanpak."
    //   be-wo-ners(3) en(1) amb-te-na-ren(4) be-spre-ken(3) het(1) plan(1) van(1) aan-pak(2):           8 words, 16 syllables
    // 16 words, 35 syllables, 2 sentences: 35 / 16 × 100 = 218.75 per 100 words, 8 words per sentence.
    // 206.84 − 0.77 × 218.75 − 0.93 × 8 = 206.84 − 168.4375 − 7.44 = 30.9625 → 31.0
    const result = analyzeText(
      [{ text: 'De gemeente organiseert een bijeenkomst over de samenwerking. Bewoners en ambtenaren bespreken het plan van aanpak.' }],
      [],
    );
    expect([result.words, result.syllables, result.sentences]).toEqual([16, 35, 2]);
    expect(result.score).toBe(31);
    expect(result.band).toBe('hard');
  });

  it('scores a plan section without its heading, and reads "o.a." inside a sentence', () => {
    // Heading "Doel": left out.
    // "We maken o.a. de speeltuin mooier." we(1) ma-ken(2) o(1) a(1) de(1) speel-tuin(2) mooi-er(2):
    //   7 words (the letters of "o.a." count as two words), 10 syllables
    // "Kinderen spelen daar elke dag." kin-de-ren(3) spe-len(2) daar(1) el-ke(2) dag(1): 5 words, 9 syllables
    // 12 words, 19 syllables, 2 sentences: 19 / 12 × 100 = 158.33 per 100 words, 6 words per sentence.
    // 206.84 − 0.77 × 158.333… − 0.93 × 6 = 206.84 − 121.9167 − 5.58 = 79.3433 → 79.3
    const result = analyzeText([{ text: 'Doel', heading: true }, { text: 'We maken o.a. de speeltuin mooier. Kinderen spelen daar elke dag.' }], []);
    expect([result.words, result.syllables, result.sentences]).toEqual([12, 19, 2]);
    expect(result.score).toBe(79.3);
    expect(result.band).toBe('easy');
  });

  it('has no score without sentences, and bands the usual ranges', () => {
    expect(fleschDouma(0, 0, 0)).toBeNull();
    expect(analyzeText([{ text: '   ' }], []).score).toBeNull();
    expect([85, 75, 65, 55, 40, 10].map(readingBand)).toEqual(['veryEasy', 'easy', 'fairlyEasy', 'fairlyHard', 'hard', 'veryHard']);
  });
});
