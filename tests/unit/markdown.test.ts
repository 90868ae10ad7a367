/** Markdown out and in: a round trip over every node and mark type the editor allows. */
import { getSchema } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { richTextExtensions } from '../../client/editor/extensions.ts';
import { documentExtensions, documentFromJSON, documentSchema } from '../../shared/exchange/documentSchema.ts';
import { documentToMarkdown, markdownToDocument } from '../../shared/exchange/markdown.ts';
import { richTextToJSON, writeRichTextJSON } from '../../shared/exchange/richTextJson.ts';
import { appendBlocks } from '../../shared/schema/richText.ts';
import { PLAN_TEMPLATE } from '../../shared/schema/planTemplate.ts';
import { EVERY_NODE_PLAN, markTypesIn, nodeTypesIn } from '../helpers/richTextSamples.ts';

function editorSchema() {
  const doc = new Y.Doc();
  const provider = { awareness: new Awareness(doc) } as unknown as WebsocketProvider;
  return getSchema(richTextExtensions(doc, provider, { name: 'Anna', color: '#1f77b4' } as never));
}

describe('document schema', () => {
  it('has every node and mark of the editor, and beyond them only the list chip of issue 4', () => {
    const editor = editorSchema();
    const ours = Object.keys(documentSchema().nodes);
    expect(ours).toEqual(expect.arrayContaining(Object.keys(editor.nodes)));
    // The chip lives in the editor on issue 4's branch; here the exchange schema knows it already.
    for (const extra of ours.filter((name) => !(name in editor.nodes))) expect(extra).toBe('listItemChip');
    expect(Object.keys(documentSchema().marks).sort()).toEqual(Object.keys(editor.marks).sort());
  });

  it('writes list chips as their label and reads them back', () => {
    const markdown = documentToMarkdown(EVERY_NODE_PLAN);
    expect(markdown).toContain('<span data-list-item-chip data-kind="decision" data-item-id="d1x" data-workplace-id="wp1">\\[besluit\\]</span>');
  });

  it('the sample plan uses every node and mark type', () => {
    const schema = documentSchema();
    expect([...nodeTypesIn(EVERY_NODE_PLAN)].sort()).toEqual(Object.keys(schema.nodes).sort());
    expect([...markTypesIn(EVERY_NODE_PLAN)].sort()).toEqual(Object.keys(schema.marks).sort());
  });

  it('refuses JSON the schema does not allow', () => {
    expect(() => documentFromJSON({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] })).toThrow();
    expect(() => documentFromJSON({ type: 'doc', content: [{ type: 'text', text: 'los' }] })).toThrow();
    expect(() => documentFromJSON({ type: 'paragraph' })).toThrow();
  });
});

describe('rich text Y.Doc ↔ JSON', () => {
  it('reads the template the server writes, and writes JSON back the same', () => {
    const stored = new Y.Doc();
    appendBlocks(stored, PLAN_TEMPLATE);
    const json = richTextToJSON(stored);
    expect(json.content?.[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Doel' }] });
    const copy = new Y.Doc();
    writeRichTextJSON(copy, EVERY_NODE_PLAN);
    expect(documentFromJSON(richTextToJSON(copy)).eq(documentFromJSON(EVERY_NODE_PLAN))).toBe(true);
    expect(() => writeRichTextJSON(copy, EVERY_NODE_PLAN)).toThrow(/not empty/);
  });
});

describe('markdown', () => {
  it('round-trips every node and mark type without change', () => {
    const markdown = documentToMarkdown(EVERY_NODE_PLAN);
    const back = markdownToDocument(markdown);
    expect(back.skipped.image + back.skipped.html + back.skipped.other).toBe(0);
    expect(back.doc).toEqual(documentFromJSON(EVERY_NODE_PLAN).toJSON());
  });

  it('writes readable Markdown', () => {
    const markdown = documentToMarkdown(EVERY_NODE_PLAN);
    expect(markdown).toContain('## Doel\n');
    expect(markdown).toContain('**samen**');
    expect(markdown).toContain('- [x] Zaal reserveren\n- [ ] Flyers rondbrengen');
    expect(markdown).toContain('1. Eerst de bewoners vragen\n2. Dan samen kiezen');
    expect(markdown).toContain('| Wie | Wat |');
    expect(markdown).toContain('1\\. april');
  });

  it('counts images and raw HTML it leaves out, and never keeps a script link', () => {
    const result = markdownToDocument(
      '# Plan\n\n![kaart van de wijk](kaart.png)\n\nTekst met ![foto](a.jpg) en <span>html</span> en [klik](javascript:alert(1)).\n\n<div>blok</div>\n',
    );
    expect(result.skipped.image).toBe(2);
    expect(result.skipped.html).toBe(3);
    expect(JSON.stringify(result.doc)).not.toContain('javascript');
    expect(JSON.stringify(result.doc)).toContain('klik');
  });

  it('reads GitHub-style tables and loose lists into valid documents', () => {
    const result = markdownToDocument('| a | b |\n|---|---|\n| 1 | 2 |\n\n- een\n\n  tweede alinea\n- twee\n');
    expect(result.doc.content?.map((node) => node.type)).toEqual(['table', 'bulletList']);
    expect(result.doc.content?.[1]?.content?.[0]?.content?.length).toBe(2);
  });
});

describe('why not @tiptap/markdown (3.31.3)', () => {
  // A record of the measurement behind our own serializer: when this starts failing, @tiptap/markdown
  // round-trips our node set and could replace shared/exchange/markdown.ts.
  it('its round trip of the sample plan changes the text', () => {
    const manager = new MarkdownManager({ extensions: documentExtensions() });
    const back = manager.parse(manager.serialize(EVERY_NODE_PLAN));
    const texts = JSON.stringify(back);
    const lost = ['1. april is de start', 'flyers | posters'].filter((text) => !texts.includes(text));
    expect(lost.length).toBeGreaterThan(0);
  });
});
