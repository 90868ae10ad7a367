/**
 * The ProseMirror schema of a rich text document (plan, meeting notes), built
 * from the same node- and mark-defining TipTap extensions as the editor in
 * client/editor/extensions.ts (a unit test keeps the two in step). Export,
 * import and Markdown conversion all go through this schema, so nothing the
 * editor cannot show gets in, and nothing it can show is left out.
 */
import { getSchema, type AnyExtension, type JSONContent } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { ListItemChipNode } from './listItemChipNode.ts';

export type { JSONContent };

/** Only what shapes the document; editor behaviour (history, carets, link clicks) stays in the client. */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false, link: { protocols: ['http', 'https', 'mailto'] } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    ListItemChipNode,
  ];
}

let cachedSchema: Schema | null = null;

export function documentSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}

/**
 * Untrusted JSON (an import, a zip) becomes a document only when the schema
 * accepts every node, mark and nesting in it; anything else throws.
 */
export function documentFromJSON(json: unknown): ProseMirrorNode {
  const node = documentSchema().nodeFromJSON(json);
  if (node.type.name !== 'doc') throw new RangeError('not a document');
  node.check();
  return node;
}
