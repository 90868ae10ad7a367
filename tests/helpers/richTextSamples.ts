/**
 * A plan that holds every node and mark type the editor allows, in the
 * coalitions' own words (shared/seed): the source for every export and
 * round-trip test. Built as ProseMirror JSON, so tests can write it into a
 * Y.Doc with writeRichTextJSON.
 */
import type { JSONContent } from '@tiptap/core';

const text = (value: string, ...marks: string[]): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length > 0 && { marks: marks.map((type) => ({ type })) }),
});
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });
const task = (checked: boolean, value: string): JSONContent => ({ type: 'taskItem', attrs: { checked }, content: [paragraph(text(value))] });
const cell = (type: 'tableCell' | 'tableHeader', value: string): JSONContent => ({ type, content: [paragraph(text(value))] });

export const SAMPLE_LINK = 'https://www.westenwind.nl/werkplaatsen?wijk=horst';

/** Meeting notes link to the decision list with an inline chip (issue 4's node, see shared/exchange/listItemChipNode.ts). */
const CHIP_PARAGRAPH: JSONContent = paragraph(
  text('Besloten: we starten in maart '),
  { type: 'listItemChip', attrs: { kind: 'decision', itemId: 'd1x', workplaceId: 'wp1' } },
  text(' en Anna belt de zaal '),
  { type: 'listItemChip', attrs: { kind: 'action', itemId: 'a7y', workplaceId: 'wp1' } },
);

export const EVERY_NODE_PLAN: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [text('Plan van aanpak Voor elkaar')] },
    { type: 'heading', attrs: { level: 2 }, content: [text('Doel')] },
    paragraph(
      text('Bewoners en Synthese zorgen '),
      text('samen', 'bold'),
      text(' dat niemand in de wijk '),
      text('alleen', 'italic'),
      text(' staat. Zie '),
      { type: 'text', text: 'de website van Westenwind', marks: [{ type: 'link', attrs: { href: SAMPLE_LINK } }] },
      text('.'),
    ),
    paragraph(text('1. april is de start; 5 * 3 = 15 buren, # 3 en a_b_c blijven tekst.'), { type: 'hardBreak' }, text('Tweede regel na een harde regelafbreking.')),
    paragraph(text('Onderstreept', 'underline'), text(' en '), text('doorgehaald', 'strike'), text(' en '), text('code', 'code'), text(' en '), text('vet en schuin', 'bold', 'italic')),
    CHIP_PARAGRAPH,
    { type: 'heading', attrs: { level: 3 }, content: [text('Aanpak')] },
    {
      type: 'bulletList',
      content: [
        item(paragraph(text('Koffieochtend in De Schakel'))),
        item(paragraph(text('Burenhulp via de app')), {
          type: 'bulletList',
          content: [item(paragraph(text('boodschappen'))), item(paragraph(text('vervoer naar de huisarts')))],
        }),
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 1 },
      content: [item(paragraph(text('Eerst de bewoners vragen'))), item(paragraph(text('Dan samen kiezen')))],
    },
    { type: 'taskList', content: [task(true, 'Zaal reserveren'), task(false, 'Flyers rondbrengen')] },
    { type: 'blockquote', content: [paragraph(text('Wij beslissen samen, als gelijken.'))] },
    { type: 'codeBlock', attrs: { language: null }, content: [text('inloop 10:00\nstart 10:30')] },
    { type: 'horizontalRule' },
    { type: 'heading', attrs: { level: 2 }, content: [text('Wie doet wat')] },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Wie'), cell('tableHeader', 'Wat')] },
        { type: 'tableRow', content: [cell('tableCell', 'Anna de Vries (bewoner)'), cell('tableCell', 'flyers | posters')] },
        { type: 'tableRow', content: [cell('tableCell', 'Karim (Synthese)'), cell('tableCell', 'contact met de gemeente')] },
      ],
    },
  ],
};

/** Every node type name in a JSON document. */
export function nodeTypesIn(node: JSONContent, into = new Set<string>()): Set<string> {
  if (node.type) into.add(node.type);
  for (const child of node.content ?? []) nodeTypesIn(child, into);
  return into;
}

export function markTypesIn(node: JSONContent, into = new Set<string>()): Set<string> {
  for (const mark of node.marks ?? []) into.add(mark.type);
  for (const child of node.content ?? []) markTypesIn(child, into);
  return into;
}

/**
 * The sample without the chip, for tests that open it in this branch's editor, which does not know the
 * chip yet (it arrives with issue 4's branch): an editor drops nodes its schema lacks.
 */
export const PLAN_WITHOUT_CHIP: JSONContent = { ...EVERY_NODE_PLAN, content: EVERY_NODE_PLAN.content!.filter((node) => node !== CHIP_PARAGRAPH) };
