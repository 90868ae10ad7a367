/**
 * A printable document as a Word file (.docx), through the `docx` package, with
 * our own walk over the ProseMirror JSON: every node of our schema maps onto
 * a native Word construct (real heading styles for the navigation pane, real
 * list numbering, real tables with a repeating header row), so the file stays
 * editable by the municipality and readable by a screen reader.
 */
import type { JSONContent } from '@tiptap/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import { exportLabels, longDate, type ExportLabels } from '../../shared/exchange/exportLabels.ts';
import { chipExportText, LIST_ITEM_CHIP } from '../../shared/exchange/listItemChipNode.ts';
import { WORD_CODE_STYLE, WORD_QUOTE_STYLE } from '../../shared/exchange/wordStyles.ts';
import { safeLinkHref } from '../../shared/links.ts';
import type { PrintableDocument } from './printableDocument.ts';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const BULLETS = ['•', '◦', '▪'];
const INDENT_TWIPS = 360;

type Block = Paragraph | Table;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
}

function levels(format: 'bullet' | 'decimal', start: number): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? BULLETS[level % BULLETS.length]! : `%${level + 1}.`,
    ...(format === 'decimal' && { start: level === 0 ? start : 1 }),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT_TWIPS * (level + 1), hanging: INDENT_TWIPS } } },
  }));
}

/** Walks one section's JSON; holds the list numbering state, which spans the whole file. */
class DocxWriter {
  private listInstance = 0;
  readonly numberingStarts = new Set<number>([1]);

  constructor(private readonly labels: ExportLabels) {}

  private runs(nodes: readonly JSONContent[] | undefined, base: RunStyle = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const node of nodes ?? []) {
      if (node.type === 'hardBreak') {
        out.push(new TextRun({ text: '', break: 1 }));
        continue;
      }
      if (node.type === LIST_ITEM_CHIP) {
        out.push(new TextRun({ text: chipExportText(node.attrs), ...(base.bold && { bold: true }), ...(base.italics && { italics: true }) }));
        continue;
      }
      if (node.type !== 'text' || !node.text) continue;
      const style: RunStyle = { ...base };
      let href: string | null = null;
      for (const mark of node.marks ?? []) {
        if (mark.type === 'bold') style.bold = true;
        else if (mark.type === 'italic') style.italics = true;
        else if (mark.type === 'underline') style.underline = true;
        else if (mark.type === 'strike') style.strike = true;
        else if (mark.type === 'code') style.code = true;
        else if (mark.type === 'link') href = safeLinkHref(mark.attrs?.href); // a crafted client's javascript: stays text
      }
      const run = (hyperlink: boolean) =>
        new TextRun({
          text: node.text!,
          ...(style.bold && { bold: true }),
          ...(style.italics && { italics: true }),
          ...((style.underline || hyperlink) && { underline: {} }),
          ...(style.strike && { strike: true }),
          ...(style.code && { font: 'Courier New' }),
          ...(hyperlink && { style: 'Hyperlink' }),
        });
      out.push(href ? new ExternalHyperlink({ link: href, children: [run(true)] }) : run(false));
    }
    return out;
  }

  private listItems(
    list: JSONContent,
    level: number,
    numbering: { reference: string; instance: number } | null,
    indentLeft: number,
  ): Block[] {
    const out: Block[] = [];
    for (const item of list.content ?? []) {
      const [first, ...rest] = item.content ?? [];
      const prefix =
        item.type === 'taskItem' ? [new TextRun({ text: item.attrs?.checked ? '☑ ' : '☐ ' })] : [];
      if (first) {
        out.push(
          new Paragraph({
            children: [...prefix, ...this.runs(first.content)],
            ...(numbering
              ? { numbering: { reference: numbering.reference, level, instance: numbering.instance } }
              : { indent: { left: INDENT_TWIPS * (level + 1) } }),
          }),
        );
      }
      for (const child of rest) out.push(...this.block(child, level + 1, indentLeft + INDENT_TWIPS));
    }
    return out;
  }

  private list(node: JSONContent, level: number, indentLeft: number): Block[] {
    if (node.type === 'taskList') return this.listItems(node, level, null, indentLeft);
    this.listInstance += 1;
    if (node.type === 'bulletList') return this.listItems(node, level, { reference: 'bullets', instance: this.listInstance }, indentLeft);
    const start = Number(node.attrs?.start ?? 1);
    this.numberingStarts.add(start);
    return this.listItems(node, level, { reference: `numbers-${start}`, instance: this.listInstance }, indentLeft);
  }

  private table(node: JSONContent): Table {
    const rows = node.content ?? [];
    const columns = Math.max(1, ...rows.map((row) => row.content?.length ?? 0));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map((row, index) => {
        const cells = row.content ?? [];
        const isHeader = cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader');
        return new TableRow({
          // Repeats on every page; only set when true (readers treat the mere element as a header row).
          ...(isHeader && index === 0 && { tableHeader: true }),
          children: cells.map((cell) => {
            const content = (cell.content ?? []).flatMap((child) => this.block(child, 0, 0));
            return new TableCell({
              width: { size: Math.floor(100 / columns), type: WidthType.PERCENTAGE },
              ...(Number(cell.attrs?.colspan ?? 1) > 1 && { columnSpan: Number(cell.attrs?.colspan) }),
              ...(Number(cell.attrs?.rowspan ?? 1) > 1 && { rowSpan: Number(cell.attrs?.rowspan) }),
              ...(cell.type === 'tableHeader' && { shading: { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } }),
              children: content.length > 0 ? content : [new Paragraph({})],
            });
          }),
        });
      }),
    });
  }

  block(node: JSONContent, level = 0, indentLeft = 0): Block[] {
    const indent = indentLeft > 0 ? { indent: { left: indentLeft } } : {};
    switch (node.type) {
      case 'heading': {
        const depth = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)));
        return [new Paragraph({ heading: HEADINGS[depth - 1]!, children: this.runs(node.content) })];
      }
      case 'paragraph':
        return [new Paragraph({ children: this.runs(node.content), ...indent })];
      case 'bulletList':
      case 'orderedList':
      case 'taskList':
        return this.list(node, level, indentLeft);
      case 'blockquote':
        return (node.content ?? []).flatMap((child) =>
          child.type === 'paragraph'
            ? [new Paragraph({ style: WORD_QUOTE_STYLE, children: this.runs(child.content), ...(indentLeft > 0 && { indent: { left: indentLeft + INDENT_TWIPS } }) })]
            : this.block(child, level, indentLeft + INDENT_TWIPS),
        );
      case 'codeBlock': {
        // One styled paragraph per line: Word keeps the lines, and an import joins them back into one block.
        const lines = (node.content ?? []).map((child) => child.text ?? '').join('').split('\n');
        return lines.map((line) => new Paragraph({ style: WORD_CODE_STYLE, ...indent, children: [new TextRun(line)] }));
      }
      case 'horizontalRule':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
      case 'table':
        return [this.table(node), new Paragraph({})];
      default:
        return [];
    }
  }

  titleBlock(document: PrintableDocument): Paragraph[] {
    const facts = [
      `${this.labels.coalition}: ${document.coalition}`,
      ...(document.workplace ? [`${this.labels.workplace}: ${document.workplace}`] : []),
      `${this.labels.date}: ${longDate(document.date, document.language)}`,
    ];
    return [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(document.title)] }),
      ...(document.subtitle ? [new Paragraph({ style: 'Subtitle', children: [new TextRun(document.subtitle)] })] : []),
      ...facts.map((fact) => new Paragraph({ children: [new TextRun({ text: fact, color: '444444' })] })),
      new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } }),
    ];
  }

  coverPage(document: PrintableDocument): Paragraph[] {
    const cover = document.cover!;
    return [
      new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400 }, children: [new TextRun(document.title)] }),
      ...(document.subtitle ? [new Paragraph({ style: 'Subtitle', children: [new TextRun(document.subtitle)] })] : []),
      new Paragraph({ children: [new TextRun({ text: `${this.labels.coalition}: `, bold: true }), new TextRun(document.coalition)] }),
      ...(document.workplace
        ? [new Paragraph({ children: [new TextRun({ text: `${this.labels.workplace}: `, bold: true }), new TextRun(document.workplace)] })]
        : []),
      new Paragraph({
        children: [new TextRun({ text: `${this.labels.date}: `, bold: true }), new TextRun(longDate(document.date, document.language))],
      }),
      new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 480 }, children: [new TextRun(this.labels.contributors)] }),
      ...cover.contributors.map(
        (person) =>
          new Paragraph({
            numbering: { reference: 'bullets', level: 0, instance: 0 },
            children: [new TextRun(`${person.name} (${this.labels.roles[person.role]})`)],
          }),
      ),
      new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: cover.intro, italics: true })] }),
    ];
  }
}

export async function documentToDocx(document: PrintableDocument): Promise<Buffer> {
  const labels = exportLabels(document.language);
  const writer = new DocxWriter(labels);
  const body: Block[] = document.cover ? writer.coverPage(document) : writer.titleBlock(document);
  document.sections.forEach((section, index) => {
    if (section.heading) {
      body.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          // The report starts every part on a new page, after the cover.
          ...(document.cover || index > 0 ? { pageBreakBefore: true } : {}),
          children: [new TextRun(section.heading)],
        }),
      );
    }
    for (const node of section.content.content ?? []) body.push(...writer.block(node));
  });
  const where = [document.coalition, document.workplace].filter(Boolean).join(' · ');
  const file = new Document({
    creator: 'Samenspel',
    title: document.title,
    description: where,
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
      paragraphStyles: [
        {
          id: WORD_CODE_STYLE,
          name: WORD_CODE_STYLE,
          basedOn: 'Normal',
          run: { font: 'Courier New', size: 20 },
          paragraph: { spacing: { before: 0, after: 0 }, shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } },
        },
        {
          id: WORD_QUOTE_STYLE,
          name: WORD_QUOTE_STYLE,
          basedOn: 'Normal',
          run: { italics: true, color: '333333' },
          paragraph: {
            indent: { left: INDENT_TWIPS },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: '8FA3B8', space: 8 } },
          },
        },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: levels('bullet', 1) },
        ...[...writer.numberingStarts].map((start) => ({ reference: `numbers-${start}`, levels: levels('decimal', start) })),
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } } },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: where, color: '666666', size: 18 })] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    color: '666666',
                    children: labels.page('\u0000', '\u0001').split(/(\u0000|\u0001)/).filter(Boolean).map((part) =>
                      part === '\u0000' ? PageNumber.CURRENT : part === '\u0001' ? PageNumber.TOTAL_PAGES : part,
                    ),
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(file);
}
