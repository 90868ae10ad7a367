/**
 * A Word plan as a coalition would bring it in, made with the `docx` package
 * at test time (no binary fixture in the repository): headings, a bulleted
 * list with a nested item, a numbered list, a table with a header row, bold
 * and italic text, a link, two images and a comment — the images and the
 * comment have no place in a plan and must be reported, not silently lost.
 */
import { crc32, deflateSync } from 'node:zlib';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/** A small, valid PNG of one colour, built here so no image file has to live in the repository. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const FIXTURE_TEXT = {
  title: 'Plan van aanpak Wonen en Samen-Wonen',
  goal: 'Doel',
  goalText: 'Ouderen in Horst wonen langer thuis, met hulp van buren.',
  approach: 'Aanpak',
  bullets: ['Woonwensen ophalen bij bewoners', 'Samen met Synthese een buurtkamer openen'],
  nested: 'elke dinsdag open',
  steps: ['Gesprekken voeren', 'Plan bespreken met de gemeente'],
  who: 'Wie doet wat',
  table: [
    ['Wie', 'Wat'],
    ['Anna de Vries (bewoner)', 'Gesprekken plannen'],
    ['Karim (Synthese)', 'Contact met de woningcorporatie'],
  ],
  link: 'https://www.horstaandemaas.nl/',
};

export async function wordPlanFixture(): Promise<Buffer> {
  const png = solidPng(4, 3, [29, 92, 140]);
  const image = () => new ImageRun({ type: 'png', data: png, transformation: { width: 40, height: 30 }, altText: { name: 'kaart', description: 'kaart van de wijk', title: 'kaart' } });
  const document = new Document({
    numbering: {
      config: [
        { reference: 'bullets', levels: [0, 1].map((level) => ({ level, format: LevelFormat.BULLET, text: level === 0 ? '•' : '◦' })) },
        { reference: 'steps', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] },
      ],
    },
    comments: { children: [{ id: 0, author: 'Karim', date: new Date('2026-11-20T10:00:00Z'), children: [new Paragraph('Klopt dit getal?')] }] },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(FIXTURE_TEXT.title)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(FIXTURE_TEXT.goal)] }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun({ text: 'Ouderen in Horst ', bold: true }),
              new TextRun('wonen '),
              new TextRun({ text: 'langer', italics: true }),
              new TextRun(' thuis, met hulp van buren.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Paragraph({ children: [image()] }),
          new Paragraph({
            children: [new TextRun('Meer op '), new ExternalHyperlink({ link: FIXTURE_TEXT.link, children: [new TextRun({ text: 'de site van de gemeente', style: 'Hyperlink' })] }), new TextRun('.')],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(FIXTURE_TEXT.approach)] }),
          new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun(FIXTURE_TEXT.bullets[0]!)] }),
          new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun(FIXTURE_TEXT.bullets[1]!)] }),
          new Paragraph({ numbering: { reference: 'bullets', level: 1 }, children: [new TextRun(FIXTURE_TEXT.nested)] }),
          new Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [new TextRun(FIXTURE_TEXT.steps[0]!)] }),
          new Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [new TextRun(FIXTURE_TEXT.steps[1]!), image()] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(FIXTURE_TEXT.who)] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: FIXTURE_TEXT.table.map(
              (cells, index) =>
                new TableRow({
                  ...(index === 0 && { tableHeader: true }),
                  children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: index === 0 })] })] })),
                }),
            ),
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
