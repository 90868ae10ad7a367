/**
 * The text blocks of a ProseMirror document as plain strings for the
 * analysis, with the document position of every character, so findings
 * (offsets in a block's string) can be marked in the editor again.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { TextBlock } from '../../shared/readability/analyzeText.ts';

export interface EditorBlocks {
  blocks: TextBlock[];
  /** Per block: the position of each character; one more entry for the block's end. */
  positions: number[][];
}

export function editorBlocks(doc: ProseMirrorNode): EditorBlocks {
  const blocks: TextBlock[] = [];
  const positions: number[][] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = '';
    const map: number[] = [];
    node.forEach((child, offset) => {
      const at = pos + 1 + offset;
      if (child.isText) {
        const value = child.text ?? '';
        for (let i = 0; i < value.length; i += 1) map.push(at + i);
        text += value;
      } else {
        // A line break ends a sentence; any other inline leaf is read as a space.
        text += child.type.name === 'hardBreak' ? '\n' : ' ';
        map.push(at);
      }
    });
    map.push(pos + 1 + node.content.size);
    blocks.push({ text, heading: node.type.name === 'heading' });
    positions.push(map);
    return false;
  });
  return { blocks, positions };
}

/** The document range of `start`–`end` in block `block`. */
export function documentRange(positions: number[][], block: number, start: number, end: number): { from: number; to: number } | null {
  const map = positions[block];
  if (!map || end <= start) return null;
  const from = map[start];
  const last = map[end - 1];
  if (from === undefined || last === undefined) return null;
  return { from, to: last + 1 };
}
