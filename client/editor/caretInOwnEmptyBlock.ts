/**
 * Keeps a caret that sits in an empty paragraph in that same paragraph when a
 * remote change arrives.
 *
 * After a remote change y-tiptap (3.0.9) restores the local caret and, when the
 * caret was at the start of a block, double-checks the result by matching
 * blocks on their text. All empty paragraphs have the same (empty) text, so when
 * someone else has just pressed Enter higher up, the check picks *their* new
 * paragraph and moves our caret there; both people then type into one paragraph
 * (and y-prosemirror may even duplicate a letter). That happens whenever two
 * people start a new line at about the same time, e.g. in meeting notes.
 *
 * For this one case the plain Yjs position is right: an empty paragraph's
 * position is anchored to the paragraph itself. So we remember that position
 * before the remote change and put the caret back there if y-tiptap moved it
 * to another empty paragraph. Everything else keeps y-tiptap's own recovery.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

interface SyncState {
  type: Y.XmlFragment;
  binding: { mapping: ProsemirrorMapping } | null;
}

/** y-tiptap's sync state, once it is bound to the view (the binding holds the Yjs↔ProseMirror mapping). */
function syncState(state: EditorState): { type: Y.XmlFragment; mapping: ProsemirrorMapping } | null {
  const value = ySyncPluginKey.getState(state) as SyncState | undefined;
  return value?.binding ? { type: value.type, mapping: value.binding.mapping } : null;
}

function isInEmptyTextblock(state: EditorState, pos: number): boolean {
  if (pos < 0 || pos > state.doc.content.size) return false;
  const parent = state.doc.resolve(pos).parent;
  return parent.isTextblock && parent.content.size === 0;
}

export function caretInOwnEmptyBlock(doc: Y.Doc): Extension {
  let saved: unknown = null; // a Yjs relative position, while a remote change is applied

  return Extension.create({
    name: 'caretInOwnEmptyBlock',
    // After freshSelectionBeforeRemoteChanges (1100), so it saves the fresh caret;
    // before Collaboration (1000), so it saves before y-tiptap restores.
    priority: 1050,
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('caretInOwnEmptyBlock'),
          view(view) {
            const beforeRemote = (): void => {
              saved = null;
              if (!doc._transaction || doc._transaction.local) return;
              const { selection } = view.state;
              const sync = syncState(view.state);
              if (!sync || !(selection instanceof TextSelection) || !selection.empty) return;
              if (!isInEmptyTextblock(view.state, selection.head)) return;
              saved = absolutePositionToRelativePosition(selection.head, sync.type, sync.mapping);
            };
            const afterAll = (): void => {
              saved = null;
            };
            doc.on('beforeAllTransactions', beforeRemote);
            doc.on('afterAllTransactions', afterAll);
            return {
              destroy() {
                doc.off('beforeAllTransactions', beforeRemote);
                doc.off('afterAllTransactions', afterAll);
              },
            };
          },
          appendTransaction(transactions, _oldState, newState) {
            if (saved === null) return null;
            const remote = transactions.some((tr) => (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);
            const sync = syncState(newState);
            if (!remote || !sync) return null;
            const pos = relativePositionToAbsolutePosition(doc, sync.type, saved, sync.mapping);
            saved = null;
            if (pos === null || pos === newState.selection.head || !isInEmptyTextblock(newState, pos)) return null;
            return newState.tr.setSelection(TextSelection.create(newState.doc, pos)).setMeta('addToHistory', false);
          },
        }),
      ];
    },
  });
}
