/**
 * Keeps the local caret where the person put it while others are active.
 *
 * ProseMirror learns about a caret moved by a click or an arrow key from the
 * browser's 'selectionchange' event, which comes a moment later (much later in
 * a window that is not in front). Three things can run in that moment and use
 * ProseMirror's stale selection:
 * - y-tiptap saves the selection just before applying a remote Yjs update and
 *   restores it afterwards;
 * - a remote awareness change makes the caret plugin redraw, and ProseMirror
 *   writes its (stale) selection back into the DOM;
 * - a key handled by ProseMirror itself (Enter, Backspace) acts on it.
 * The caret then jumps, often to the start of the document, and the next
 * keystrokes land there. All three happened in the two-browser tests.
 *
 * Fix: before each remote document or awareness change and before each key,
 * read the caret from the DOM (public `posAtDOM`) and, when it differs, hand it
 * to ProseMirror first. The extension's priority puts its plugin before
 * Collaboration's and CollaborationCaret's, so its listeners are added, and
 * run, before theirs, and its key handler runs before the keymaps.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

function domSelection(view: EditorView): { anchor: number; head: number } | null {
  const selection = (view.root as Document).getSelection?.();
  if (!selection?.anchorNode || !selection.focusNode) return null;
  if (!view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return null;
  try {
    return {
      anchor: view.posAtDOM(selection.anchorNode, selection.anchorOffset),
      head: view.posAtDOM(selection.focusNode, selection.focusOffset),
    };
  } catch {
    // A DOM position ProseMirror cannot map (e.g. inside a widget): leave it.
    return null;
  }
}

function takeSelectionFromDom(view: EditorView): void {
  if (view.isDestroyed || view.composing || !view.hasFocus()) return;
  const fromDom = domSelection(view);
  if (!fromDom) return;
  const { selection, doc } = view.state;
  if (selection.anchor === fromDom.anchor && selection.head === fromDom.head) return;
  if (!(selection instanceof TextSelection)) return; // node/all selections are set by ProseMirror itself
  const max = doc.content.size;
  if (fromDom.anchor > max || fromDom.head > max) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, fromDom.anchor, fromDom.head)));
}

export function freshSelectionBeforeRemoteChanges(doc: Y.Doc, awareness: Awareness): Extension {
  return Extension.create({
    name: 'freshSelectionBeforeRemoteChanges',
    priority: 1100, // Collaboration is 1000, CollaborationCaret 999: ours must come first
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('freshSelectionBeforeRemoteChanges'),
          props: {
            handleKeyDown(view) {
              takeSelectionFromDom(view);
              return false; // only refreshed; the key itself is for the keymaps
            },
          },
          view(view) {
            const beforeDocChange = (): void => {
              // Our own edits come from ProseMirror's state, which is fresh then.
              if (doc._transaction && !doc._transaction.local) takeSelectionFromDom(view);
            };
            const beforeAwarenessChange = (_changes: unknown, origin: unknown): void => {
              // 'local' changes come from inside ProseMirror's own update; dispatching there would nest.
              if (origin !== 'local') takeSelectionFromDom(view);
            };
            doc.on('beforeAllTransactions', beforeDocChange);
            awareness.on('change', beforeAwarenessChange);
            return {
              destroy() {
                doc.off('beforeAllTransactions', beforeDocChange);
                awareness.off('change', beforeAwarenessChange);
              },
            };
          },
        }),
      ];
    },
  });
}
