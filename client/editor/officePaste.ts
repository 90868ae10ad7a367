/**
 * Pasting from Word or Google Docs: keep the structure (headings, lists,
 * tables, bold/italic, links), drop their styling junk. ProseMirror already
 * ignores styles it has no rule for; what it cannot know is Office's own
 * markup, so that is rewritten here first:
 *
 * - Word writes list items as paragraphs (`<p style="mso-list:l0 level2 lfo1">`)
 *   with the bullet or number as text inside `<!--[if !supportLists]-->` or a
 *   `mso-list:Ignore` span: they become real nested <ul>/<ol>, the marker text
 *   goes (it would otherwise show up as "·" or "1." in the text).
 * - Word's `<o:p>`, `<style>`, `<xml>`, `<meta>` and empty spacing paragraphs go.
 * - Google Docs wraps everything in `<b style="font-weight:normal"
 *   id="docs-internal-guid-…">` (not bold at all: it is unwrapped) and puts a
 *   nested list as a sibling <ul> inside its parent list, which is moved into
 *   the item above it.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

const MARKER = 'data-office-list-marker';

function looksLikeOffice(html: string): boolean {
  return /urn:schemas-microsoft-com|mso-|docs-internal-guid|<o:p|class="?Mso/i.test(html);
}

function markerText(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .trim();
}

function isOrderedMarker(marker: string): boolean {
  return /^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(marker.trim());
}

function listInfo(element: Element): { level: number; list: string } | null {
  const style = element.getAttribute('style') ?? '';
  const match = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(style);
  if (!match) return null;
  return { list: match[1]!, level: Number(match[2]) };
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

/** Word's list paragraphs → nested lists, one run of consecutive list paragraphs at a time. */
function wordListsToLists(body: HTMLElement): void {
  const document = body.ownerDocument;
  const paragraphs = Array.from(body.querySelectorAll('p, h1, h2, h3, h4, h5, h6')).filter((element) => listInfo(element));
  const done = new Set<Element>();
  for (const first of paragraphs) {
    if (done.has(first)) continue;
    const run: Element[] = [];
    let node: Element | null = first;
    while (node && listInfo(node)) {
      run.push(node);
      done.add(node);
      node = node.nextElementSibling;
    }
    const stack: { level: number; list: HTMLElement }[] = [];
    const roots: HTMLElement[] = [];
    for (const paragraph of run) {
      const { level } = listInfo(paragraph)!;
      const markerElement = paragraph.querySelector(`[${MARKER}]`);
      const marker = markerElement?.getAttribute(MARKER) ?? '';
      markerElement?.remove();
      while (stack.length > 0 && stack.at(-1)!.level > level) stack.pop();
      if (stack.length === 0 || stack.at(-1)!.level < level) {
        const list = document.createElement(isOrderedMarker(marker) ? 'ol' : 'ul');
        const parentItem = stack.at(-1)?.list.lastElementChild;
        if (parentItem) parentItem.append(list);
        else roots.push(list);
        stack.push({ level, list });
      }
      const item = document.createElement('li');
      const content = document.createElement('p');
      content.append(...Array.from(paragraph.childNodes));
      item.append(content);
      stack.at(-1)!.list.append(item);
    }
    run[0]!.before(...roots);
    for (const paragraph of run) paragraph.remove();
  }
}

/** Google Docs: `<ul><li>a</li><ul><li>b</li></ul></ul>` → the inner list belongs to item a. */
function nestStrayLists(body: HTMLElement): void {
  for (const list of Array.from(body.querySelectorAll('ul > ul, ul > ol, ol > ul, ol > ol'))) {
    const previous = list.previousElementSibling;
    if (previous?.tagName === 'LI') previous.append(list);
  }
}

function isBlank(element: Element): boolean {
  return (element.textContent ?? '').replace(/\u00a0/g, ' ').trim() === '' && !element.querySelector('img, br, table');
}

export function cleanOfficeHtml(html: string): string {
  if (!looksLikeOffice(html)) return html;
  // The marker sits in a conditional comment (Word's "supportLists"), which a DOM parser throws away with
  // the information in it: keep it as an attribute on an empty element instead.
  const marked = html.replace(
    /<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/gi,
    (_all, inner: string) => `<span ${MARKER}="${markerText(inner).replace(/"/g, '&quot;')}"></span>`,
  );
  const document = new DOMParser().parseFromString(marked, 'text/html');
  const body = document.body;
  for (const element of Array.from(body.querySelectorAll('style, meta, link, xml, script, title'))) element.remove();
  for (const ignored of Array.from(body.querySelectorAll('span[style*="mso-list" i]'))) {
    if (/mso-list:\s*ignore/i.test(ignored.getAttribute('style') ?? '')) {
      const marker = document.createElement('span');
      marker.setAttribute(MARKER, markerText(ignored.innerHTML));
      ignored.replaceWith(marker);
    }
  }
  for (const element of Array.from(body.getElementsByTagName('o:p'))) unwrap(element);
  for (const wrapper of Array.from(body.querySelectorAll('b[id^="docs-internal-guid"]'))) unwrap(wrapper);
  // Google Docs separates blocks with a bare <br> (a blank line on its screen): not a paragraph of ours.
  for (const lineBreak of Array.from(body.querySelectorAll('br'))) {
    if (lineBreak.parentElement === body || lineBreak.classList.contains('Apple-interchange-newline')) lineBreak.remove();
  }
  wordListsToLists(body);
  nestStrayLists(body);
  for (const paragraph of Array.from(body.querySelectorAll('p'))) {
    if (isBlank(paragraph) && !paragraph.closest('td, th, li')) paragraph.remove();
  }
  // Classes and inline styles carry nothing the schema keeps except bold/italic/underline/strike,
  // which are kept as tags here so no other style rule sees them.
  for (const element of Array.from(body.querySelectorAll('[style]'))) {
    const style = (element as HTMLElement).style;
    const weight = style.fontWeight;
    let replacement: string[] = [];
    if (/^(bold|bolder|[6-9]00)$/.test(weight)) replacement.push('strong');
    if (style.fontStyle === 'italic') replacement.push('em');
    // Google Docs underlines the text of every link: that is the link's look, not an underline.
    if (/underline/.test(style.textDecoration) && !element.closest('a')) replacement.push('u');
    if (/line-through/.test(style.textDecoration)) replacement.push('s');
    if (element.tagName === 'B' && weight === 'normal') replacement = replacement.filter((tag) => tag !== 'strong');
    element.removeAttribute('style');
    if (replacement.length > 0 && element.tagName === 'SPAN') {
      let inner: Element = element;
      for (const tag of replacement) {
        const wrapper = document.createElement(tag);
        wrapper.append(...Array.from(inner.childNodes));
        inner.append(wrapper);
        inner = wrapper;
      }
    }
    if (element.tagName === 'B' && weight === 'normal') unwrap(element);
  }
  for (const element of Array.from(body.querySelectorAll('[class]'))) element.removeAttribute('class');
  return body.innerHTML;
}

/** The editor extension: every paste of HTML goes through cleanOfficeHtml first. */
export const OfficePaste = Extension.create({
  name: 'officePaste',
  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('officePaste'), props: { transformPastedHTML: cleanOfficeHtml } })];
  },
});
