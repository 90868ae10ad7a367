/**
 * The live chip in meeting notes: an inline, atomic node that holds the id of
 * a decision or action in its workplace's list. It stores only the id (and the
 * kind and workplace, to find it); the title and status shown are read live
 * from the list, so the notes always show the current status and no text is
 * copied that could go out of date.
 *
 * The node is part of every rich text editor (extensions.ts), so a chip copied
 * into a plan is kept rather than dropped; only meeting notes get a store that
 * can resolve it (elsewhere it shows its kind without a status).
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { ListItemChipView } from './ListItemChipView.tsx';

export const LIST_ITEM_CHIP = 'listItemChip';

export type ListItemKind = 'decision' | 'action';

export function isListItemKind(value: unknown): value is ListItemKind {
  return value === 'decision' || value === 'action';
}

/** What a chip shows: already in the reader's language. */
export interface ChipInfo {
  title: string;
  /** The status in words ("voorstel", "genomen", "klaar", "te laat: 3 dec."). */
  status: string;
  /** Where the chip links to (the decision, or the action list). */
  href: string;
  /** For the chip's styling only; the status is always written out too. */
  tone: 'open' | 'done' | 'problem' | 'rejected';
}

/** A live source of chip contents, which the node views subscribe to. */
export interface ChipStore {
  subscribe(listener: () => void): () => void;
  lookup(kind: ListItemKind, itemId: string): ChipInfo | null;
  /** False while the lists are still loading (a missing item is then not yet known to be missing). */
  ready(): boolean;
  /** Changes whenever any lookup may answer differently (for useSyncExternalStore). */
  version(): number;
}

export interface ListItemChipOptions {
  store: ChipStore | null;
}

export const ListItemChip = Node.create<ListItemChipOptions>({
  name: LIST_ITEM_CHIP,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addOptions() {
    return { store: null };
  },

  addAttributes() {
    return {
      kind: {
        default: 'decision',
        parseHTML: (element) => element.getAttribute('data-kind'),
        renderHTML: (attributes) => ({ 'data-kind': attributes.kind as string }),
      },
      itemId: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-item-id'),
        renderHTML: (attributes) => ({ 'data-item-id': attributes.itemId as string }),
      },
      workplaceId: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-workplace-id'),
        renderHTML: (attributes) => ({ 'data-workplace-id': attributes.workplaceId as string }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-list-item-chip]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    // Copied out of the editor (clipboard, exports) the chip reads as its kind.
    return ['span', mergeAttributes({ 'data-list-item-chip': '' }, HTMLAttributes), node.attrs.kind === 'action' ? '[actie]' : '[besluit]'];
  },

  renderText({ node }) {
    return node.attrs.kind === 'action' ? '[actie]' : '[besluit]';
  },

  addNodeView() {
    return ReactNodeViewRenderer(ListItemChipView, { as: 'span', className: 'item-chip-holder' });
  },
});
