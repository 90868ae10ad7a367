/** Sentences, long sentences, long words, passive and jargon on sample Dutch sentences. */
import { describe, expect, it } from 'vitest';
import { analyzeText, type Finding, type FindingKind } from '../../shared/readability/analyzeText.ts';
import type { JargonEntry } from '../../shared/readability/jargonMatcher.ts';
import { splitSentences } from '../../shared/readability/sentences.ts';

const JARGON: JargonEntry[] = [
  { word: 'doelgroep', alternative: 'de mensen voor wie het is' },
  { word: 'implementeren', alternative: 'invoeren' },
  { word: 'participatie', alternative: 'meedoen' },
  { word: 'preventief', alternative: 'om problemen te voorkomen' },
  { word: 'ten behoeve van', alternative: 'voor' },
];

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((range) => text.slice(range.start, range.end));
}

function found(text: string, kind: FindingKind, jargon: JargonEntry[] = JARGON): Finding[] {
  return analyzeText([{ text }], jargon).findings.filter((finding) => finding.kind === kind);
}

describe('sentence splitting', () => {
  it('splits at full stops, question and exclamation marks before a capital', () => {
    expect(sentencesOf('Wat kost dat? Niet veel! We doen het. Morgen beginnen we.')).toEqual([
      'Wat kost dat?',
      'Niet veel!',
      'We doen het.',
      'Morgen beginnen we.',
    ]);
  });

  it('does not split after abbreviations, initials, numbered list items or decimals', () => {
    expect(sentencesOf('We gaan bijv. naar de markt. Daar kopen we o.a. Hollandse kaas.')).toEqual([
      'We gaan bijv. naar de markt.',
      'Daar kopen we o.a. Hollandse kaas.',
    ]);
    expect(sentencesOf('Dat is d.w.z. Nederlands voor iedereen.')).toHaveLength(1);
    expect(sentencesOf('Het plan komt van dhr. Jansen en mevr. De Vries.')).toHaveLength(1);
    expect(sentencesOf('J. de Vries en A.B. Smit komen ook.')).toHaveLength(1);
    expect(sentencesOf('1. Eerst drinken we koffie.')).toEqual(['1. Eerst drinken we koffie.']);
    expect(sentencesOf('Het kost 3.50 euro. Dat is weinig.')).toEqual(['Het kost 3.50 euro.', 'Dat is weinig.']);
    expect(sentencesOf('We gaan z.s.m. Beginnen met de tuin.')).toHaveLength(1);
  });

  it('lets "enz." end a sentence and splits at line breaks', () => {
    expect(sentencesOf('We kopen brood, kaas enz. Daarna gaan we naar huis.')).toHaveLength(2);
    expect(sentencesOf('Eerste regel zonder punt\nTweede regel')).toEqual(['Eerste regel zonder punt', 'Tweede regel']);
  });
});

describe('long sentences', () => {
  const twenty = 'Op zaterdag komen de buren uit onze straat samen in het buurthuis om koffie te drinken en plannen te maken.';
  it('flags a sentence of more than 20 words with its word count and whole range', () => {
    const text = `Kort begin. ${twenty.replace('maken.', 'maken voor de zomer.')}`;
    const [finding] = found(text, 'longSentence');
    expect(finding?.count).toBe(23);
    expect(text.slice(finding!.start, finding!.end)).toBe(twenty.replace('maken.', 'maken voor de zomer.'));
  });

  it('leaves a sentence of exactly 20 words alone', () => {
    expect(twenty.split(' ')).toHaveLength(20);
    expect(found(twenty, 'longSentence')).toEqual([]);
  });

  it('does not count an abbreviation as the end of a sentence', () => {
    const text = 'We nodigen o.a. de buren, de school, de kerk en de winkels uit voor een gesprek over de nieuwe speeltuin in het park.';
    expect(found(text, 'longSentence')).toHaveLength(1);
  });
});

describe('passive constructions', () => {
  it.each([
    ['Het plan wordt door de buurt besproken.', 'wordt door de buurt besproken'],
    ['Het besluit is gisteren genomen.', 'is gisteren genomen'],
    ['De tuin werd in mei aangelegd.', 'werd in mei aangelegd'],
    ['We weten dat het plan goed besproken wordt.', 'besproken wordt'],
    ['De uitnodigingen zijn verstuurd.', 'zijn verstuurd'],
  ])('finds the passive in "%s"', (text, part) => {
    const [finding] = found(text, 'passive');
    expect(finding?.text).toBe(part);
  });

  it.each([
    'De buurt bespreekt het plan.',
    'Hij is naar huis gegaan.',
    'Het gebied is groot.',
    'Zijn buren hebben geholpen.',
    'Het is veranderd.',
    'Ze wordt volgende week zeventig.',
  ])('finds no passive in "%s"', (text) => {
    expect(found(text, 'passive')).toEqual([]);
  });
});

describe('jargon', () => {
  it('finds words of the list with their inflections and gives the alternative', () => {
    const text = 'De doelgroepen willen meer participatie. We implementeren het plan. Het is geïmplementeerd. Preventieve hulp.';
    const hits = found(text, 'jargon').map((finding) => [finding.text, finding.alternative]);
    expect(hits).toEqual([
      ['doelgroepen', 'de mensen voor wie het is'],
      ['participatie', 'meedoen'],
      ['implementeren', 'invoeren'],
      ['geïmplementeerd', 'invoeren'],
      ['Preventieve', 'om problemen te voorkomen'],
    ]);
  });

  it('finds an entry of several words', () => {
    const [finding] = found('Dit geld is ten  behoeve van de speeltuin.', 'jargon');
    expect(finding?.text).toBe('ten  behoeve van');
    expect(finding?.alternative).toBe('voor');
  });

  it('uses the list it is given: a word edited into it is found, one removed is not', () => {
    const text = 'We gaan de casuïstiek bespreken met de doelgroep.';
    expect(found(text, 'jargon').map((finding) => finding.text)).toEqual(['doelgroep']);
    const edited = [...JARGON.filter((entry) => entry.word !== 'doelgroep'), { word: 'casuïstiek', alternative: 'voorbeelden' }];
    expect(found(text, 'jargon', edited).map((finding) => [finding.text, finding.alternative])).toEqual([['casuïstiek', 'voorbeelden']]);
  });
});

describe('long words', () => {
  it('flags words of four syllables or more, with the count', () => {
    const findings = found('Het bewonersinitiatief maakt een plan voor de buurt.', 'longWord');
    expect(findings.map((finding) => [finding.text, finding.count])).toEqual([['bewonersinitiatief', 8]]);
  });

  it('does not flag a long word twice when it is jargon already', () => {
    const text = 'We willen participatie van iedereen.';
    expect(found(text, 'longWord')).toEqual([]);
    expect(found(text, 'jargon')).toHaveLength(1);
    expect(found(text, 'longWord', [])).toHaveLength(1);
  });
});

describe('headings', () => {
  it('are checked for words but left out of the sentence counts', () => {
    const result = analyzeText([{ text: 'Samenwerkingsverband', heading: true }, { text: 'We doen mee.' }], []);
    expect(result.sentences).toBe(1);
    expect(result.words).toBe(3);
    expect(result.findings.map((finding) => [finding.kind, finding.block])).toEqual([['longWord', 0]]);
  });
});
