/**
 * The bridge between the editor and the analysis: text blocks read from a
 * ProseMirror document (the app's own schema) and findings placed back on
 * exactly the words they are about.
 */
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../shared/readability/analyzeText.ts';
import { documentRange, editorBlocks } from '../../client/readability/editorBlocks.ts';

const schema = getSchema([StarterKit]);

function docFrom(json: unknown) {
  return schema.nodeFromJSON(json);
}

const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

describe('editor blocks', () => {
  const doc = docFrom({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [text('Samenwerkingsverband')] },
      { type: 'paragraph', content: [text('De '), text('doelgroep', [{ type: 'bold' }]), text(' wordt uitgenodigd.'), { type: 'hardBreak' }, text('Nieuwe regel')] },
      {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Het bewonersinitiatief doet mee.')] }] }],
      },
    ],
  });

  it('reads headings, paragraphs and list items as blocks, a line break as a new line', () => {
    const { blocks } = editorBlocks(doc);
    expect(blocks).toEqual([
      { text: 'Samenwerkingsverband', heading: true },
      { text: 'De doelgroep wordt uitgenodigd.\nNieuwe regel', heading: false },
      { text: 'Het bewonersinitiatief doet mee.', heading: false },
    ]);
  });

  it('places every finding on exactly its words in the document', () => {
    const { blocks, positions } = editorBlocks(doc);
    const result = analyzeText(blocks, [{ word: 'doelgroep', alternative: 'groep' }]);
    expect(result.findings.map((finding) => finding.kind).sort()).toEqual(['jargon', 'longWord', 'longWord', 'longWord', 'passive']);
    for (const finding of result.findings) {
      const range = documentRange(positions, finding.block, finding.start, finding.end);
      expect(range, finding.text).not.toBeNull();
      expect(doc.textBetween(range!.from, range!.to, '\n', '\n')).toBe(finding.text);
    }
  });

  it('gives no range for an empty or unknown span', () => {
    const { positions } = editorBlocks(doc);
    expect(documentRange(positions, 1, 3, 3)).toBeNull();
    expect(documentRange(positions, 9, 0, 2)).toBeNull();
  });
});
