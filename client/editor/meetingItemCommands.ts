/**
 * Turning a line of meeting notes into a proposed decision or an action, in
 * three ways that all end the same: the item is made in the workplace's list
 * (by the handler, which knows the lists) and a live chip holding its id is
 * put at the end of the line.
 * - a button (the meeting's editor actions) and a shortcut: the selected text,
 *   or else the whole line, becomes the title;
 * - typing "/besluit" or "/actie" (also "/decision", "/action") anywhere in a
 *   line and pressing Enter: the command word goes, the rest of the line is
 *   the title, and Enter then starts a new line as usual.
 */
import { Extension, type Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { LIST_ITEM_CHIP, type ListItemKind } from './listItemChip.ts';

export type RefusalReason = 'empty' | 'already' | 'failed';

export interface MeetingItemHandler {
  /** Makes the item in its list; returns its id and workplace, or null when it could not. */
  create(kind: ListItemKind, title: string): { itemId: string; workplaceId: string } | null;
  /** Told why nothing was made, so the page can say so. */
  refused(kind: ListItemKind, reason: RefusalReason): void;
}

export interface MeetingItemCommandsOptions {
  /** Read at the moment of use, so the page can keep it current without rebuilding the editor. */
  handler: { current: MeetingItemHandler | null };
}

/** Ctrl+Alt+B (besluit) and Ctrl+Alt+A (actie); Cmd on a Mac. AltGr letters on Windows are not caught (prosemirror-keymap). */
export const MEETING_ITEM_SHORTCUTS: Record<ListItemKind, string> = { decision: 'Mod-Alt-b', action: 'Mod-Alt-a' };

const SLASH_COMMAND = /(^|\s)\/(besluit|actie|decision|action)(?=\s|$)\s?/i;

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    meetingItems: {
      /** Makes the selection (or the current line) a decision or action with a chip behind it. */
      turnIntoListItem: (kind: ListItemKind) => ReturnType;
    };
  }
}

function hasChip(block: ProseMirrorNode, kind: ListItemKind): boolean {
  let found = false;
  block.forEach((child) => {
    if (child.type.name === LIST_ITEM_CHIP && child.attrs.kind === kind) found = true;
  });
  return found;
}

/** The title and where the chip goes: after the selection, or at the end of the caret's line. */
function target(state: EditorState): { title: string; insertAt: number; block: ProseMirrorNode } | null {
  const { from, to, empty, $to } = state.selection;
  if (!$to.parent.isTextblock) return null;
  const title = empty ? $to.parent.textContent : state.doc.textBetween(from, to, ' ', '');
  return { title: title.replace(/\s+/g, ' ').trim(), insertAt: empty ? $to.end() : to, block: $to.parent };
}

function chipNode(state: EditorState, kind: ListItemKind, made: { itemId: string; workplaceId: string }): ProseMirrorNode {
  return state.schema.nodes[LIST_ITEM_CHIP]!.create({ kind, itemId: made.itemId, workplaceId: made.workplaceId });
}

/** Handles Enter on a line with a slash command; false when the line has none. */
function runSlashCommand(editor: Editor, handler: MeetingItemHandler | null): boolean {
  const { state } = editor;
  const { $from, empty } = state.selection;
  if (!empty || !$from.parent.isTextblock || !handler) return false;
  const block = $from.parent;
  const blockStart = $from.start();
  let command: { from: number; to: number; kind: ListItemKind } | null = null;
  block.forEach((child, offset) => {
    if (command || !child.isText) return;
    const match = SLASH_COMMAND.exec(child.text ?? '');
    if (!match) return;
    const word = (match[2] ?? '').toLowerCase();
    const from = blockStart + offset + match.index + (match[1] ?? '').length;
    command = { from, to: blockStart + offset + match.index + match[0].length, kind: word === 'actie' || word === 'action' ? 'action' : 'decision' };
  });
  if (!command) return false;
  const { from, to, kind } = command as { from: number; to: number; kind: ListItemKind };
  const rest = (state.doc.textBetween(blockStart, from, ' ', '') + ' ' + state.doc.textBetween(to, $from.end(), ' ', '')).replace(/\s+/g, ' ').trim();
  if (!rest) {
    handler.refused(kind, 'empty');
    return true;
  }
  if (hasChip(block, kind)) {
    handler.refused(kind, 'already');
    return true;
  }
  const made = handler.create(kind, rest);
  if (!made) {
    handler.refused(kind, 'failed');
    return true;
  }
  editor
    .chain()
    .command(({ tr }) => {
      tr.delete(from, to);
      const end = tr.mapping.map($from.end());
      tr.insert(end, chipNode(state, kind, made));
      return true;
    })
    .command(({ tr, commands }) => commands.setTextSelection(tr.mapping.map($from.end()))) // just after the chip
    .run();
  // Then Enter does what it always does: a new list item or a new paragraph.
  editor.commands.first(({ commands }) => [
    () => commands.splitListItem('taskItem'),
    () => commands.splitListItem('listItem'),
    () => commands.splitBlock(),
  ]);
  return true;
}

export const MeetingItemCommands = Extension.create<MeetingItemCommandsOptions>({
  name: 'meetingItemCommands',
  // Before the list items' own Enter handling.
  priority: 200,

  addOptions() {
    return { handler: { current: null } };
  },

  addCommands() {
    return {
      turnIntoListItem:
        (kind) =>
        ({ state, tr, dispatch }) => {
          const handler = this.options.handler.current;
          const spot = target(state);
          if (!handler || !spot) return false;
          if (!spot.title) {
            if (dispatch) handler.refused(kind, 'empty');
            return false;
          }
          if (hasChip(spot.block, kind)) {
            if (dispatch) handler.refused(kind, 'already');
            return false;
          }
          if (!dispatch) return true;
          const made = handler.create(kind, spot.title);
          if (!made) {
            handler.refused(kind, 'failed');
            return false;
          }
          tr.insert(spot.insertAt, chipNode(state, kind, made));
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => runSlashCommand(editor, this.options.handler.current),
      [MEETING_ITEM_SHORTCUTS.decision]: ({ editor }) => editor.commands.turnIntoListItem('decision'),
      [MEETING_ITEM_SHORTCUTS.action]: ({ editor }) => editor.commands.turnIntoListItem('action'),
    };
  },
});
