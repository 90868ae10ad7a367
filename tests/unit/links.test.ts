/**
 * The one link rule (shared/links.ts) that the editor, imports and exports share.
 */
import { describe, expect, it } from 'vitest';
import { markdownToDocument } from '../../shared/exchange/markdown.ts';
import { isSafeLinkHref, safeLinkHref } from '../../shared/links.ts';

const SAFE = ['https://westenwind.nl/plan', 'http://example.org', 'MAILTO:ria@example.nl', 'www.dock.nl', '/w/abc', '#doel'];
const UNSAFE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ftp://example.org',
  '',
  '   ',
];

function linksOf(markdown: string): unknown[] {
  const found: unknown[] = [];
  const walk = (node: { marks?: { type: string; attrs?: { href?: unknown } }[]; content?: unknown[] }): void => {
    for (const mark of node.marks ?? []) if (mark.type === 'link') found.push(mark.attrs?.href);
    for (const child of node.content ?? []) walk(child as typeof node);
  };
  walk(markdownToDocument(markdown).doc as Parameters<typeof walk>[0]);
  return found;
}

describe('links', () => {
  it('lets web and mail addresses and addresses without a scheme through, trimmed', () => {
    for (const href of SAFE) expect(isSafeLinkHref(href), href).toBe(true);
    expect(safeLinkHref('  https://westenwind.nl  ')).toBe('https://westenwind.nl');
  });

  it('refuses every other scheme, however it is written', () => {
    for (const href of UNSAFE) expect(isSafeLinkHref(href), JSON.stringify(href)).toBe(false);
    expect(safeLinkHref(42)).toBeNull();
  });

  it('a Markdown import keeps the text of a refused link but not the link', () => {
    expect(linksOf('[plan](https://westenwind.nl/plan) en [klik](<java\tscript:alert(1)>)')).toEqual(['https://westenwind.nl/plan']);
    expect(JSON.stringify(markdownToDocument('[klik](<java\tscript:alert(1)>)').doc)).toContain('klik');
  });
});
