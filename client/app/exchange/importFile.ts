/**
 * A Word (.docx) or Markdown file → a new plan's content, converted here in the
 * browser. Why the browser and not the server: Word's HTML must be parsed into
 * the editor's schema, and the browser has a real, inert HTML parser
 * (DOMParser: scripts never run, images never load) plus ProseMirror's
 * DOMParser, exactly what the editor uses for a paste; the server has no DOM
 * and would need a second HTML parser just for this. The file itself never
 * leaves the device; the server receives only the resulting JSON and stores it
 * only if the editor's schema accepts every node (server/http/exportRoutes.ts),
 * so a tampered client cannot smuggle in anything the editor would not show.
 */
import type { JSONContent } from '@tiptap/core';
import { DOMParser as ProseMirrorDOMParser } from '@tiptap/pm/model';
import { unzipSync } from 'fflate';
import { documentSchema } from '../../../shared/exchange/documentSchema.ts';
import { markdownToDocument } from '../../../shared/exchange/markdown.ts';
import { WORD_IMPORT_STYLE_MAP } from '../../../shared/exchange/wordStyles.ts';
import { noSkippedContent, type SkippedContent } from '../../../shared/exchange/skippedContent.ts';
import { MAX_IMPORT_FILE_BYTES, titleFromFileName, UnreadableFileError } from './importFileName.ts';

export interface ImportedFile {
  title: string;
  doc: JSONContent;
  skipped: SkippedContent;
}

/** How often an XML part of the .docx holds an element: comments are not in mammoth's HTML at all. */
function countInPart(files: Record<string, Uint8Array>, path: string, pattern: RegExp): number {
  const part = files[path];
  if (!part) return 0;
  return (new TextDecoder().decode(part).match(pattern) ?? []).length;
}

/** Our own Word export writes checklists as "☐ text" / "☑ text" paragraphs: they come back as a checklist. */
function taskParagraphsToTaskLists(body: HTMLElement): void {
  const isTask = (element: Element | null): element is HTMLParagraphElement =>
    element?.tagName === 'P' && /^[☐☑☒]\s/u.test(element.textContent ?? '');
  for (const paragraph of Array.from(body.querySelectorAll('p'))) {
    if (!paragraph.isConnected || !isTask(paragraph) || isTask(paragraph.previousElementSibling)) continue;
    const list = body.ownerDocument.createElement('ul');
    list.setAttribute('data-type', 'taskList');
    paragraph.before(list);
    let current: Element | null = paragraph;
    while (isTask(current)) {
      const next: Element | null = current.nextElementSibling;
      const item = body.ownerDocument.createElement('li');
      item.setAttribute('data-type', 'taskItem');
      item.setAttribute('data-checked', String(!current.textContent!.trimStart().startsWith('☐')));
      const first = current.firstChild;
      if (first?.nodeType === Node.TEXT_NODE) first.textContent = first.textContent!.replace(/^\s*[☐☑☒]\s/u, '');
      const content = body.ownerDocument.createElement('p');
      content.append(...Array.from(current.childNodes));
      item.append(content);
      list.append(item);
      current.remove();
      current = next;
    }
  }
}

/** HTML (from mammoth) → a document of our schema; what the schema has no place for is counted first. */
export function htmlToDocument(html: string, skipped: SkippedContent): JSONContent {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const body = parsed.body;
  for (const image of Array.from(body.querySelectorAll('img'))) {
    const parent = image.parentElement;
    image.remove();
    // A paragraph that only held the picture would stay behind as an empty line.
    if (parent?.tagName === 'P' && !parent.textContent?.trim() && parent.children.length === 0) parent.remove();
  }
  for (const element of Array.from(body.querySelectorAll('script, style, iframe, object, embed, svg, math, video, audio'))) {
    skipped.other += 1;
    element.remove();
  }
  taskParagraphsToTaskLists(body);
  // mammoth writes footnote and comment anchors as <sup><a href="#…">: keep the note text, drop the jump.
  for (const anchor of Array.from(body.querySelectorAll('a[href^="#"]'))) anchor.replaceWith(...Array.from(anchor.childNodes));
  const doc = ProseMirrorDOMParser.fromSchema(documentSchema()).parse(body);
  doc.check();
  return doc.toJSON() as JSONContent;
}

async function docxToDocument(file: File): Promise<{ doc: JSONContent; skipped: SkippedContent }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (entry) => /^word\/(comments|footnotes|endnotes|document)\.xml$/.test(entry.name) });
  } catch {
    throw new UnreadableFileError('not a zip');
  }
  if (!files['word/document.xml']) throw new UnreadableFileError('no word/document.xml');
  const skipped = noSkippedContent();
  skipped.comment = countInPart(files, 'word/comments.xml', /<w:comment\b/g);
  // Loaded only when someone imports: mammoth is large and most visits never need it.
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.convertToHtml(
    { arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer },
    {
      styleMap: [...WORD_IMPORT_STYLE_MAP],
      convertImage: mammoth.images.imgElement(async () => {
        skipped.image += 1;
        return { src: '' };
      }),
    },
  );
  skipped.other += result.messages.filter((message) => /unrecognised element|ignored/i.test(message.message)).length;
  return { doc: htmlToDocument(result.value, skipped), skipped };
}

export async function importFile(file: File): Promise<ImportedFile> {
  if (file.size > MAX_IMPORT_FILE_BYTES) throw new UnreadableFileError('too large');
  const title = titleFromFileName(file.name) || 'Plan';
  if (/\.docx$/i.test(file.name)) return { title, ...(await docxToDocument(file)) };
  if (/\.(md|markdown|txt)$/i.test(file.name)) {
    const { doc, skipped } = markdownToDocument(await file.text());
    return { title, doc, skipped };
  }
  throw new UnreadableFileError('unknown type');
}
