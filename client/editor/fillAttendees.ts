/**
 * "Aanwezigen invullen": adds the names of the people present to the bullet
 * list under the meeting's attendees heading, each name once, in one
 * transaction (so one undo takes it back, and only for the person who did it).
 */
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

interface TopLevel {
  node: ProseMirrorNode;
  pos: number;
}

function topLevel(doc: ProseMirrorNode): TopLevel[] {
  const nodes: TopLevel[] = [];
  doc.forEach((node, pos) => nodes.push({ node, pos }));
  return nodes;
}

const normal = (text: string): string => text.trim().toLocaleLowerCase();

/** Returns how many names were added. */
export function fillAttendees(editor: Editor, names: readonly string[], headings: readonly string[]): number {
  let added = 0;
  editor
    .chain()
    .focus()
    .command(({ tr, state }) => {
      const { schema } = state;
      const nodes = topLevel(state.doc);
      const wanted = new Set(headings.map(normal));
      const at = nodes.findIndex(({ node }) => node.type.name === 'heading' && wanted.has(normal(node.textContent)));
      const sectionEnd = nodes.findIndex(({ node }, i) => i > at && node.type.name === 'heading');
      const section = at < 0 ? [] : nodes.slice(at + 1, sectionEnd < 0 ? undefined : sectionEnd);
      const present = new Set<string>();
      section.forEach(({ node }) => node.descendants((child) => (child.isTextblock ? (present.add(normal(child.textContent)), false) : true)));
      const missing = [...new Set(names)].filter((name) => !present.has(normal(name)));
      if (missing.length === 0) return true;
      const items = missing.map((name) => schema.nodes.listItem!.create(null, schema.nodes.paragraph!.create(null, schema.text(name))));
      const list = section.find(({ node }) => node.type.name === 'bulletList');
      if (list) {
        // Append to the list, then drop its empty placeholder items.
        tr.insert(list.pos + list.node.nodeSize - 1, items);
        const empties: number[] = [];
        list.node.forEach((item, offset) => {
          if (item.textContent.trim() === '') empties.push(list.pos + 1 + offset);
        });
        for (const pos of empties.reverse()) {
          const item = tr.doc.nodeAt(pos);
          if (item) tr.delete(pos, pos + item.nodeSize);
        }
      } else {
        const anchor = at >= 0 ? nodes[at]! : nodes[0];
        const pos = anchor ? anchor.pos + anchor.node.nodeSize : 0;
        tr.insert(pos, schema.nodes.bulletList!.create(null, items));
      }
      added = missing.length;
      return true;
    })
    .run();
  return added;
}
