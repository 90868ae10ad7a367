/**
 * Between a stored rich text Y.Doc (see ../schema/richText.ts) and
 * TipTap/ProseMirror JSON, through y-tiptap: the same binding the editor uses,
 * so an export shows exactly what the editor shows.
 */
import type { JSONContent } from '@tiptap/core';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { richTextFragment } from '../schema/richText.ts';
import { documentFromJSON, documentSchema } from './documentSchema.ts';

/** The document's content as ProseMirror JSON (`{type: 'doc', content: [...]}`). */
export function richTextToJSON(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(richTextFragment(doc), documentSchema()).toJSON() as JSONContent;
}

/**
 * Writes validated JSON into an EMPTY document (a new plan, an imported
 * workspace). Throws when the JSON does not fit the schema or the document
 * already has content; nothing is written then.
 */
export function writeRichTextJSON(doc: Y.Doc, json: unknown): void {
  const node = documentFromJSON(json);
  const fragment = richTextFragment(doc);
  if (fragment.length > 0) throw new Error('document is not empty');
  doc.transact(() => {
    prosemirrorToYXmlFragment(node, fragment);
  });
}
