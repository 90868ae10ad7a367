/**
 * A printable document as one self-contained HTML page, for Chromium to print
 * to PDF. Written as a string by our own walk over the ProseMirror JSON (the
 * server has no DOM); every text and attribute is escaped, and only web and
 * mail links become links. The page's stylesheet is made for paper: A4, real
 * margins, headings that do not end a page, table header rows that repeat.
 */
import type { JSONContent } from '@tiptap/core';
import { exportLabels, longDate, type ExportLabels } from '../../shared/exchange/exportLabels.ts';
import { chipExportText, LIST_ITEM_CHIP } from '../../shared/exchange/listItemChipNode.ts';
import { safeLinkHref } from '../../shared/links.ts';
import type { PrintableDocument } from './printableDocument.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const MARK_TAGS: Record<string, [string, string]> = {
  bold: ['<strong>', '</strong>'],
  italic: ['<em>', '</em>'],
  underline: ['<u>', '</u>'],
  strike: ['<s>', '</s>'],
  code: ['<code>', '</code>'],
};

function inline(nodes: readonly JSONContent[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '<br>';
      if (node.type === LIST_ITEM_CHIP) return `<span class="chip">${escapeHtml(chipExportText(node.attrs))}</span>`;
      if (node.type !== 'text' || !node.text) return '';
      let html = escapeHtml(node.text);
      for (const mark of node.marks ?? []) {
        if (mark.type === 'link') {
          const href = safeLinkHref(mark.attrs?.href);
          if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
          continue;
        }
        const tags = MARK_TAGS[mark.type];
        if (tags) html = tags[0] + html + tags[1];
      }
      return html;
    })
    .join('');
}

function blocks(nodes: readonly JSONContent[] | undefined, labels: ExportLabels, headingOffset: number): string {
  return (nodes ?? []).map((node) => block(node, labels, headingOffset)).join('\n');
}

function block(node: JSONContent, labels: ExportLabels, headingOffset: number): string {
  const children = () => blocks(node.content, labels, headingOffset);
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1) + headingOffset));
      return `<h${level}>${inline(node.content)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inline(node.content) || '&nbsp;'}</p>`;
    case 'bulletList':
      return `<ul>${children()}</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return `<ol${start !== 1 ? ` start="${start}"` : ''}>${children()}</ol>`;
    }
    case 'listItem':
      return `<li>${children()}</li>`;
    case 'taskList':
      return `<ul class="tasks">${children()}</ul>`;
    case 'taskItem': {
      const checked = Boolean(node.attrs?.checked);
      // A printed checkbox plus words, so the state survives black-and-white printing and screen readers.
      return `<li class="task ${checked ? 'done' : 'open'}"><span class="box" aria-hidden="true">${checked ? '☑' : '☐'}</span><span class="visually-hidden">(${checked ? labels.checked : labels.unchecked}) </span>${children()}</li>`;
    }
    case 'blockquote':
      return `<blockquote>${children()}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${escapeHtml((node.content ?? []).map((child) => child.text ?? '').join(''))}</code></pre>`;
    case 'horizontalRule':
      return '<hr>';
    case 'table': {
      const rows = node.content ?? [];
      const first = rows[0];
      const headerRow = first && (first.content ?? []).length > 0 && (first.content ?? []).every((cell) => cell.type === 'tableHeader');
      const row = (tableRow: JSONContent) => `<tr>${blocks(tableRow.content, labels, headingOffset)}</tr>`;
      return headerRow
        ? `<table><thead>${row(first)}</thead><tbody>${rows.slice(1).map(row).join('')}</tbody></table>`
        : `<table><tbody>${rows.map(row).join('')}</tbody></table>`;
    }
    case 'tableHeader':
    case 'tableCell': {
      const tag = node.type === 'tableHeader' ? 'th' : 'td';
      const span = [
        Number(node.attrs?.colspan ?? 1) > 1 ? ` colspan="${Number(node.attrs?.colspan)}"` : '',
        Number(node.attrs?.rowspan ?? 1) > 1 ? ` rowspan="${Number(node.attrs?.rowspan)}"` : '',
        tag === 'th' ? ' scope="col"' : '',
      ].join('');
      return `<${tag}${span}>${children()}</${tag}>`;
    }
    default:
      return '';
  }
}

/** Paper, not screen: A4 margins come from Chromium's page.pdf (so the header and footer fit in them). */
export const PRINT_CSS = `
  @page { size: A4; }
  html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; }
  body { margin: 0; }
  h1, h2, h3, h4, h5, h6 { line-height: 1.2; margin: 1.2em 0 0.4em; break-after: avoid; page-break-after: avoid; color: #14365a; }
  h1 { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; } h4, h5, h6 { font-size: 10.5pt; }
  p { margin: 0 0 0.6em; orphans: 3; widows: 3; }
  a { color: #14365a; }
  ul, ol { margin: 0 0 0.6em; padding-left: 1.6em; }
  li > p { margin: 0 0 0.2em; }
  ul.tasks { list-style: none; padding-left: 0.2em; }
  li.task { display: flex; gap: 0.45em; }
  li.task .box { font-size: 1.1em; line-height: 1.3; }
  li.task.done > p { color: #444; }
  blockquote { margin: 0 0 0.8em; padding: 0.1em 0 0.1em 1em; border-left: 3pt solid #8fa3b8; font-style: italic; }
  pre { background: #f2f2f2; padding: 0.6em 0.8em; white-space: pre-wrap; font-size: 9.5pt; break-inside: avoid; }
  code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
  hr { border: 0; border-top: 1pt solid #999; margin: 1.2em 0; }
  table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { border: 0.75pt solid #8c8c8c; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
  th { background: #e8eef4; }
  th > p:last-child, td > p:last-child { margin-bottom: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .title-block { border-bottom: 1pt solid #999; margin-bottom: 1.2em; padding-bottom: 0.6em; }
  .title-block h1 { font-size: 22pt; margin-top: 0; }
  .title-block .subtitle { font-size: 12pt; color: #444; margin: -0.2em 0 0.6em; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0; color: #333; }
  .facts dt { font-weight: bold; } .facts dd { margin: 0; }
  .cover { break-after: page; page-break-after: always; padding-top: 25vh; }
  .cover h1 { font-size: 26pt; }
  .cover h2 { margin-top: 2em; }
  .cover .intro { margin-top: 3em; font-style: italic; color: #444; }
  section.part { break-before: page; page-break-before: always; }
  section.part:first-of-type { break-before: auto; page-break-before: auto; }
  .cover + section.part { break-before: auto; page-break-before: auto; }
`;

function facts(document: PrintableDocument, labels: ExportLabels): string {
  const rows: [string, string][] = [
    [labels.coalition, document.coalition],
    ...(document.workplace ? ([[labels.workplace, document.workplace]] as [string, string][]) : []),
    [labels.date, longDate(document.date, document.language)],
  ];
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

export function documentToHtml(document: PrintableDocument): string {
  const labels = exportLabels(document.language);
  const subtitle = document.subtitle ? `<p class="subtitle">${escapeHtml(document.subtitle)}</p>` : '';
  const top = document.cover
    ? `<header class="cover"><h1>${escapeHtml(document.title)}</h1>${subtitle}${facts(document, labels)}
        <h2>${escapeHtml(labels.contributors)}</h2>
        <ul>${document.cover.contributors.map((person) => `<li>${escapeHtml(person.name)} (${escapeHtml(labels.roles[person.role])})</li>`).join('')}</ul>
        <p class="intro">${escapeHtml(document.cover.intro)}</p></header>`
    : `<header class="title-block"><h1>${escapeHtml(document.title)}</h1>${subtitle}${facts(document, labels)}</header>`;
  // Under a section heading (h1) or the title (h1), the document's own headings move one level down,
  // so the PDF's outline and tags nest properly.
  const sections = document.sections
    .map((section) =>
      section.heading
        ? `<section class="part"><h1>${escapeHtml(section.heading)}</h1>${blocks(section.content.content, labels, 1)}</section>`
        : `<section class="part">${blocks(section.content.content, labels, 1)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.title)}</title>
<meta name="author" content="${escapeHtml(document.coalition)}">
<style>${PRINT_CSS}</style>
</head>
<body>
${top}
<main>
${sections}
</main>
</body>
</html>`;
}
