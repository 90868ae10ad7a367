/**
 * A document's outline — its blocks in order, each as kind and text — from the
 * source JSON and from what a reader gets back (mammoth's HTML, a PDF's text),
 * so export tests compare structure and words, not bytes.
 */
import type { JSONContent } from '@tiptap/core';
import { chipLabel, LIST_ITEM_CHIP } from '../../shared/exchange/listItemChipNode.ts';

export interface OutlineEntry {
  kind: string;
  text: string;
}

function inlineText(nodes: readonly JSONContent[] | undefined): string {
  return (nodes ?? [])
    .map((node) => (node.type === 'hardBreak' ? '\n' : node.type === LIST_ITEM_CHIP ? chipLabel(node.attrs?.kind) : (node.text ?? '')))
    .join('');
}

/** h1…h6, p, pre, li, task, th, td — lists and tables flattened to their items and cells. */
export function outlineOfJson(doc: JSONContent, cell?: 'th' | 'td'): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (const node of doc.content ?? []) {
    switch (node.type) {
      case 'heading':
        out.push({ kind: `h${node.attrs?.level}`, text: inlineText(node.content) });
        break;
      case 'paragraph':
        out.push({ kind: cell ?? 'p', text: inlineText(node.content) });
        break;
      case 'codeBlock':
        out.push({ kind: 'pre', text: inlineText(node.content) });
        break;
      case 'listItem':
      case 'taskItem': {
        const [first, ...rest] = node.content ?? [];
        out.push({ kind: node.type === 'taskItem' ? 'task' : 'li', text: inlineText(first?.content) });
        for (const child of rest) out.push(...outlineOfJson({ content: [child] }));
        break;
      }
      case 'tableHeader':
        out.push(...outlineOfJson(node, 'th'));
        break;
      case 'tableCell':
        out.push(...outlineOfJson(node, 'td'));
        break;
      case 'horizontalRule':
        break;
      default:
        out.push(...outlineOfJson(node, cell));
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The outline of mammoth's HTML (a flat, well-formed subset: p, pre, h1-6, ul/ol/li, table, strong, em, a, br). */
export function outlineOfHtml(html: string): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const open: { tag: string; entry?: OutlineEntry }[] = [];
  for (const [token] of html.matchAll(/<[^>]+>|[^<]+/g)) {
    if (token.startsWith('</')) {
      const tag = token.slice(2, -1).trim();
      const at = open.map((item) => item.tag).lastIndexOf(tag);
      if (at >= 0) open.splice(at);
      continue;
    }
    if (token.startsWith('<')) {
      const tag = /^<([a-z0-9]+)/i.exec(token)?.[1]?.toLowerCase() ?? '';
      if (tag === 'br') {
        const entry = [...open].reverse().find((item) => item.entry)?.entry;
        if (entry) entry.text += '\n';
        continue;
      }
      if (token.endsWith('/>')) continue;
      let entry: OutlineEntry | undefined;
      if (/^(h[1-6]|p|li|pre)$/.test(tag)) {
        const cell = [...open].reverse().find((item) => item.tag === 'th' || item.tag === 'td')?.tag;
        entry = { kind: tag === 'p' && cell ? cell : tag, text: '' };
        out.push(entry);
      }
      open.push({ tag, ...(entry && { entry }) });
      continue;
    }
    const entry = [...open].reverse().find((item) => item.entry)?.entry;
    if (entry) entry.text += token.replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) => ENTITIES[name]!);
  }
  for (const entry of out) {
    const task = /^([☑☐]) (.*)$/su.exec(entry.text);
    if (entry.kind === 'p' && task) {
      entry.kind = 'task';
      entry.text = task[2]!;
    }
  }
  return out;
}

/** Collapses whitespace, for comparing text that a PDF wraps into lines. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
