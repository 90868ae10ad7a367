/**
 * The schema side of the inline "chip" that links meeting notes to an entry in
 * the workplace's decision or action list (issue 4, client/editor/listItemChip.ts
 * on that branch: node `listItemChip`, inline atom, attributes kind / itemId /
 * workplaceId, HTML `<span data-list-item-chip …>[besluit]</span>`). Exports
 * and imports must know it, or real meeting notes would lose it on the way:
 * this declares the same node for the exchange schema, without the editor's
 * view. Exports show it as its text ("[besluit]", "[actie]").
 */
import { Node } from '@tiptap/core';

export const LIST_ITEM_CHIP = 'listItemChip';

export function chipLabel(kind: unknown): string {
  return kind === 'action' ? '[actie]' : '[besluit]';
}

/**
 * What an export prints for a chip: the title and status the server looked up
 * for the exported copy (`attrs.exportText`, server/exchange/listChipText.ts),
 * else its kind.
 */
export function chipExportText(attrs: Record<string, unknown> | undefined): string {
  const resolved = attrs?.exportText;
  return typeof resolved === 'string' && resolved ? resolved : chipLabel(attrs?.kind);
}

interface AttributeSource {
  getAttribute(name: string): string | null;
}

const fromData = (name: string) => ({
  default: '',
  parseHTML: (element: AttributeSource) => element.getAttribute(`data-${name}`) ?? '',
  renderHTML: () => ({}),
});

export const ListItemChipNode = Node.create({
  name: LIST_ITEM_CHIP,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      kind: { ...fromData('kind'), default: 'decision' },
      itemId: fromData('item-id'),
      workplaceId: fromData('workplace-id'),
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-list-item-chip]' }];
  },
  renderHTML({ node }) {
    return [
      'span',
      {
        'data-list-item-chip': '',
        'data-kind': String(node.attrs.kind),
        'data-item-id': String(node.attrs.itemId),
        'data-workplace-id': String(node.attrs.workplaceId),
      },
      chipLabel(node.attrs.kind),
    ];
  },
  renderText({ node }) {
    return chipLabel(node.attrs.kind);
  },
});
