/**
 * Markdown for a rich text document: out (export, workspace zip) and in (import).
 *
 * Why our own serializer and not @tiptap/markdown (3.31.3): its round trip test
 * over our node set lost text. It does not escape block syntax at the start of a
 * paragraph ("1. april" came back as a numbered list, "# 3" as a heading), it
 * does not escape `|` in table cells (the rest of the cell vanished), it adds an
 * empty header row to a table without one, and it turns an image into a bare
 * text node outside any paragraph (an invalid document). Our own writer is
 * small because our schema is small; reading uses `marked` (the tokenizer that
 * @tiptap/markdown itself is built on) and maps its tokens onto our schema,
 * counting what does not fit.
 *
 * What Markdown cannot hold, written down so nobody is surprised:
 * - a table's first row is always its header row; a cell holds inline text,
 *   several paragraphs in a cell are joined with `<br>` and a list in a cell
 *   becomes lines of text;
 * - underline has no Markdown form and is written as `<u>…</u>` (read back too);
 * - empty paragraphs (spacing) are left out; leading spaces in a line are lost.
 */
import type { JSONContent } from '@tiptap/core';
import { Marked, type Token, type Tokens } from 'marked';
import type * as Y from 'yjs';
import { documentFromJSON } from './documentSchema.ts';
import { chipExportText, LIST_ITEM_CHIP } from './listItemChipNode.ts';
import { richTextToJSON } from './richTextJson.ts';
import { noSkippedContent, type SkippedContent } from './skippedContent.ts';
import { safeLinkHref } from '../links.ts';

// ---------------------------------------------------------------- writing

type Mark = NonNullable<JSONContent['marks']>[number];

const MARK_ORDER = ['link', 'bold', 'italic', 'strike', 'underline', 'code'];

function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Block syntax at the start of a line of a paragraph would change what the line is. */
function escapeLineStarts(text: string): string {
  return text.replace(/(^|\n)([ \t]*)([#>+=-]|\d+(?=[.)]))/g, (_all, start: string, space: string, marker: string) =>
    /^\d/.test(marker) ? `${start}${space}${marker}\\` : `${start}${space}\\${marker}`,
  );
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function linkTarget(mark: Mark): string {
  const href = String(mark.attrs?.href ?? '');
  const destination = /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
  const title = mark.attrs?.title ? ` "${String(mark.attrs.title).replace(/"/g, '\\"')}"` : '';
  return `](${destination}${title})`;
}

function openMark(mark: Mark): string {
  switch (mark.type) {
    case 'link': return '[';
    case 'bold': return '**';
    case 'italic': return '*';
    case 'strike': return '~~';
    case 'underline': return '<u>';
    default: return '';
  }
}

function closeMark(mark: Mark): string {
  switch (mark.type) {
    case 'link': return linkTarget(mark);
    case 'bold': return '**';
    case 'italic': return '*';
    case 'strike': return '~~';
    case 'underline': return '</u>';
    default: return '';
  }
}

function sameMark(a: Mark, b: Mark): boolean {
  return a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});
}

function sortedMarks(marks: readonly Mark[] | undefined): Mark[] {
  return [...(marks ?? [])].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

/** Inline content with marks opened and closed as a stack; whitespace stays outside emphasis. */
function inline(nodes: readonly JSONContent[] | undefined, hardBreak: string): string {
  let out = '';
  const open: Mark[] = [];
  const closeDownTo = (keep: number) => {
    while (open.length > keep) out += closeMark(open.pop()!);
  };
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      closeDownTo(0);
      out += hardBreak;
      continue;
    }
    if (node.type === LIST_ITEM_CHIP) {
      // No Markdown for a link into a decision or action list: inline HTML keeps it for the way back.
      const attr = (name: string) => String(node.attrs?.[name] ?? '').replace(/[^A-Za-z0-9_-]/g, '');
      out += `<span data-list-item-chip data-kind="${attr('kind')}" data-item-id="${attr('itemId')}" data-workplace-id="${attr('workplaceId')}">${escapeText(chipExportText(node.attrs))}</span>`;
      continue;
    }
    if (node.type !== 'text' || !node.text) continue;
    const marks = sortedMarks(node.marks).filter((mark) => mark.type !== 'code');
    const isCode = (node.marks ?? []).some((mark) => mark.type === 'code');
    let keep = 0;
    while (keep < open.length && keep < marks.length && sameMark(open[keep]!, marks[keep]!)) keep++;
    closeDownTo(keep);
    const [, lead = '', body = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(node.text) ?? [];
    // Emphasis may neither start after nor end before a space in Markdown: whitespace at the edges of
    // newly opened bold/italic/strike goes outside it. A link keeps its text whole.
    const opening = marks.slice(keep);
    const emphasisOnly = opening.every((mark) => mark.type !== 'link') && open.every((mark) => mark.type !== 'link');
    if (emphasisOnly && !isCode && !body) {
      out += node.text;
      continue;
    }
    if (emphasisOnly) out += lead;
    for (const mark of opening) {
      out += openMark(mark);
      open.push(mark);
    }
    const text = emphasisOnly ? body : node.text;
    out += isCode ? codeSpan(text) : escapeText(text);
    if (emphasisOnly && trail) {
      closeDownTo(0);
      out += trail;
    }
  }
  closeDownTo(0);
  return out;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : by + line))
    .join('\n');
}

function listItemBody(item: JSONContent): string {
  const parts: string[] = [];
  for (const child of item.content ?? []) {
    const text = block(child, true);
    if (text === null) continue;
    const isList = child.type === 'bulletList' || child.type === 'orderedList' || child.type === 'taskList';
    parts.push((parts.length === 0 ? '' : isList ? '\n' : '\n\n') + text);
  }
  return parts.join('');
}

function cellText(cell: JSONContent): string {
  const lines: string[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') {
      const text = node.type === 'codeBlock' ? escapeText(node.content?.[0]?.text ?? '').replace(/\n/g, '<br>') : inline(node.content, '<br>');
      if (text) lines.push(text);
    } else {
      (node.content ?? []).forEach(visit);
    }
  };
  (cell.content ?? []).forEach(visit);
  return lines.join('<br>');
}

function table(node: JSONContent): string {
  const rows = (node.content ?? []).map((row) => (row.content ?? []).map(cellText));
  const width = Math.max(1, ...rows.map((row) => row.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, index) => cells[index] ?? '').join(' | ')} |`;
  const [header = [], ...body] = rows;
  return [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

/** One block as Markdown, or null when it has nothing to write (an empty paragraph). */
function block(node: JSONContent, inList = false): string | null {
  switch (node.type) {
    case 'paragraph': {
      const text = escapeLineStarts(inline(node.content, '\\\n'));
      return text || (inList ? '' : null);
    }
    case 'heading':
      return `${'#'.repeat(Number(node.attrs?.level ?? 1))} ${inline(node.content, ' ')}`;
    case 'bulletList':
      return (node.content ?? []).map((item) => `- ${indent(listItemBody(item), '  ')}`).join('\n');
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return (node.content ?? [])
        .map((item, index) => {
          const marker = `${start + index}. `;
          return marker + indent(listItemBody(item), ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'taskList':
      return (node.content ?? [])
        .map((item) => `- [${item.attrs?.checked ? 'x' : ' '}] ${indent(listItemBody(item), '  ')}`)
        .join('\n');
    case 'blockquote':
      return blocks(node.content)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'codeBlock': {
      const text = (node.content ?? []).map((child) => child.text ?? '').join('');
      const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${node.attrs?.language ?? ''}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'table':
      return table(node);
    default:
      return null;
  }
}

function blocks(nodes: readonly JSONContent[] | undefined): string {
  return (nodes ?? [])
    .map((node) => block(node))
    .filter((text): text is string => text !== null)
    .join('\n\n');
}

/** A document (ProseMirror JSON, as from richTextToJSON) as CommonMark + GFM tables and task lists. */
export function documentToMarkdown(doc: JSONContent): string {
  const text = blocks(doc.content);
  return text ? `${text}\n` : '';
}

// ---------------------------------------------------------------- reading

export interface MarkdownImport {
  /** A document the schema accepts (checked), as ProseMirror JSON. */
  doc: JSONContent;
  skipped: SkippedContent;
}

type Inline = JSONContent;

class Reader {
  readonly skipped = noSkippedContent();
  private underline = false;

  inlines(tokens: readonly Token[] | undefined, marks: Mark[] = []): Inline[] {
    const out: Inline[] = [];
    for (const token of tokens ?? []) out.push(...this.inlineToken(token, marks));
    return out;
  }

  /** Inside a chip's <span>: its label is the chip's, not text of its own. */
  private inChip = false;

  private text(text: string, marks: Mark[]): Inline[] {
    if (!text || this.inChip) return [];
    const all = this.underline ? [...marks, { type: 'underline' }] : marks;
    return [{ type: 'text', text, ...(all.length > 0 && { marks: all }) }];
  }

  private inlineToken(token: Token, marks: Mark[]): Inline[] {
    switch (token.type) {
      case 'text':
        return 'tokens' in token && token.tokens ? this.inlines(token.tokens, marks) : this.text(decodeEntities(token.text), marks);
      case 'escape':
        return this.text(token.text, marks);
      case 'strong':
        return this.inlines(token.tokens, [...marks, { type: 'bold' }]);
      case 'em':
        return this.inlines(token.tokens, [...marks, { type: 'italic' }]);
      case 'del':
        return this.inlines(token.tokens, [...marks, { type: 'strike' }]);
      case 'codespan':
        return this.text(decodeEntities(token.text), [...marks, { type: 'code' }]);
      case 'br':
        return [{ type: 'hardBreak' }];
      case 'link': {
        // Only web and mail links come in; `javascript:` and friends are dropped (their text stays).
        const href = safeLinkHref(token.href);
        if (!href) return this.inlines(token.tokens, marks);
        return this.inlines(token.tokens, [...marks, { type: 'link', attrs: { href, title: token.title ?? null } }]);
      }
      case 'image':
        this.skipped.image++;
        return [];
      case 'html': {
        const tag = token.raw.trim().toLowerCase();
        const chip = /^<span\s+data-list-item-chip\b([^>]*)>$/i.exec(token.raw.trim());
        if (chip) {
          const attr = (name: string) => /^[A-Za-z0-9_-]*$/.exec(new RegExp(`data-${name}="([^"]*)"`).exec(chip[1] ?? '')?.[1] ?? '')?.[0] ?? '';
          this.inChip = true;
          return [{ type: LIST_ITEM_CHIP, attrs: { kind: attr('kind') === 'action' ? 'action' : 'decision', itemId: attr('item-id'), workplaceId: attr('workplace-id') } }];
        }
        if (tag === '</span>' && this.inChip) {
          this.inChip = false;
          return [];
        }
        if (tag === '<u>') this.underline = true;
        else if (tag === '</u>') this.underline = false;
        else if (/^<br\s*\/?>$/.test(tag)) return [{ type: 'hardBreak' }];
        else if (!tag.startsWith('<!--')) this.skipped.html++;
        return [];
      }
      case 'checkbox':
        return [];
      default:
        this.skipped.other++;
        return [];
    }
  }

  private paragraph(content: Inline[]): JSONContent {
    return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
  }

  blocks(tokens: readonly Token[] | undefined): JSONContent[] {
    const out: JSONContent[] = [];
    for (const token of tokens ?? []) {
      const node = this.blockToken(token);
      if (node) out.push(node);
    }
    return out;
  }

  private blockToken(token: Token): JSONContent | null {
    switch (token.type) {
      case 'heading': {
        const content = this.inlines(token.tokens);
        return { type: 'heading', attrs: { level: Math.min(6, Math.max(1, token.depth)) }, ...(content.length > 0 && { content }) };
      }
      case 'paragraph':
      case 'text': {
        const content = 'tokens' in token && token.tokens ? this.inlines(token.tokens) : this.inlines([token]);
        // A paragraph that only held an image (counted) leaves nothing behind.
        return content.length > 0 ? this.paragraph(content) : null;
      }
      case 'list':
        return this.list(token as Tokens.List);
      case 'blockquote': {
        const content = this.blocks(token.tokens);
        return { type: 'blockquote', content: content.length > 0 ? content : [this.paragraph([])] };
      }
      case 'code': {
        const text = token.text as string;
        return { type: 'codeBlock', attrs: { language: token.lang || null }, ...(text && { content: [{ type: 'text', text }] }) };
      }
      case 'hr':
        return { type: 'horizontalRule' };
      case 'table':
        return this.table(token as Tokens.Table);
      case 'html':
        if (!token.raw.trim().startsWith('<!--')) this.skipped.html++;
        return null;
      case 'space':
      case 'def':
      case 'checkbox':
        return null;
      default:
        this.skipped.other++;
        return null;
    }
  }

  private list(token: Tokens.List): JSONContent {
    const isTask = token.items.length > 0 && token.items.every((item) => item.task);
    const items = token.items.map((item) => {
      const content = this.blocks(item.tokens);
      if (content[0]?.type !== 'paragraph') content.unshift(this.paragraph([]));
      return isTask
        ? { type: 'taskItem', attrs: { checked: Boolean(item.checked) }, content }
        : { type: 'listItem', content };
    });
    if (isTask) return { type: 'taskList', content: items };
    if (token.ordered) return { type: 'orderedList', attrs: { start: typeof token.start === 'number' ? token.start : 1 }, content: items };
    return { type: 'bulletList', content: items };
  }

  private table(token: Tokens.Table): JSONContent {
    const cell = (type: 'tableHeader' | 'tableCell', source: Tokens.TableCell): JSONContent => ({
      type,
      content: [this.paragraph(this.inlines(source.tokens))],
    });
    return {
      type: 'table',
      content: [
        { type: 'tableRow', content: token.header.map((source) => cell('tableHeader', source)) },
        ...token.rows.map((row) => ({ type: 'tableRow', content: row.map((source) => cell('tableCell', source)) })),
      ],
    };
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** marked leaves entities in text (it targets HTML); the document wants the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** Markdown (CommonMark + GFM) as a document, with a count of what was left out. Throws never on text. */
export function markdownToDocument(markdown: string): MarkdownImport {
  const reader = new Reader();
  const tokens = new Marked({ gfm: true }).lexer(markdown);
  const content = reader.blocks(tokens);
  const doc: JSONContent = { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
  return { doc: documentFromJSON(doc).toJSON() as JSONContent, skipped: reader.skipped };
}

/** Shorthand for a stored document: its rich text as Markdown. */
export function richTextToMarkdown(doc: Y.Doc): string {
  return documentToMarkdown(richTextToJSON(doc));
}
