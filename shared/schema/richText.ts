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
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList' | 'orderedList'; items: readonly string[] }
  | { type: 'taskList'; items: readonly { text: string; checked: boolean }[] };

function paragraph(text: string): Y.XmlElement {
  const node = new Y.XmlElement('paragraph');
  if (text) node.insert(0, [new Y.XmlText(text)]);
  return node;
}

function listItem(name: 'listItem' | 'taskItem', text: string, checked?: boolean): Y.XmlElement {
  const item = new Y.XmlElement(name);
  // y-tiptap keeps attribute values as they are; TipTap's taskItem wants a boolean.
  if (checked !== undefined) item.setAttribute('checked', checked as unknown as string);
  item.insert(0, [paragraph(text)]);
  return item;
}

function element(block: Block): Y.XmlElement {
  switch (block.type) {
    case 'heading': {
      const node = new Y.XmlElement('heading');
      node.setAttribute('level', block.level as unknown as string);
      if (block.text) node.insert(0, [new Y.XmlText(block.text)]);
      return node;
    }
    case 'paragraph':
      return paragraph(block.text);
    case 'bulletList':
    case 'orderedList': {
      const node = new Y.XmlElement(block.type);
      node.insert(0, block.items.map((text) => listItem('listItem', text)));
      return node;
    }
    case 'taskList': {
      const node = new Y.XmlElement('taskList');
      node.insert(0, block.items.map((item) => listItem('taskItem', item.text, item.checked)));
      return node;
    }
    default: {
      const unknown: never = block;
      throw new Error(`unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

/** Appends blocks to the document's rich text, in one transaction. */
export function appendBlocks(doc: Y.Doc, blocks: readonly Block[]): void {
  doc.transact(() => {
    const fragment = richTextFragment(doc);
    fragment.insert(fragment.length, blocks.map(element));
  });
}

/** The document's text, one line per block (and per list item): for tests, search and previews. */
export function plainText(doc: Y.Doc): string {
  return richTextFragment(doc)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? textOf(node) : ''))
    .join('\n');
}

const CONTAINERS = new Set(['bulletList', 'orderedList', 'taskList', 'listItem', 'taskItem', 'table', 'tableRow']);

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  const parts = node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ''));
  return parts.join(CONTAINERS.has(node.nodeName) ? '\n' : '');
}
