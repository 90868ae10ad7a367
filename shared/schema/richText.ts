/**
 * Rich text documents (plans, meeting notes) are a Y.XmlFragment named `default`,
 * laid out the way TipTap's Collaboration extension (y-tiptap) reads it: one
 * Y.XmlElement per ProseMirror node, named after the node type, with the node's
 * attributes as element attributes and Y.XmlText for text.
 */
import * as Y from 'yjs';

export const RICH_TEXT_FIELD = 'default';

export function richTextFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(RICH_TEXT_FIELD);
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string };

function element(block: Block): Y.XmlElement {
  const node = new Y.XmlElement(block.type);
  if (block.type === 'heading') node.setAttribute('level', block.level as unknown as string);
  if (block.text) node.insert(0, [new Y.XmlText(block.text)]);
  return node;
}

/** Appends blocks to the document's rich text, in one transaction. */
export function appendBlocks(doc: Y.Doc, blocks: readonly Block[]): void {
  doc.transact(() => {
    const fragment = richTextFragment(doc);
    fragment.insert(fragment.length, blocks.map(element));
  });
}

/** The document's text, one line per block: for tests, search and previews. */
export function plainText(doc: Y.Doc): string {
  return richTextFragment(doc)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? textOf(node) : ''))
    .join('\n');
}

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ''))
    .join('');
}
