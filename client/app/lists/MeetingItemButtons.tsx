import type { Editor } from '@tiptap/core';
import { useTranslation } from 'react-i18next';
import { MEETING_ITEM_SHORTCUTS } from '../../editor/meetingItemCommands.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iP(hone|[oa]d)/.test(navigator.platform);

/** "Ctrl+Alt+B" (or "⌘+⌥+B" on a Mac), and the aria-keyshortcuts form "Control+Alt+B". */
function shortcut(binding: string): { shown: string; aria: string } {
  const key = binding.split('-').pop()!.toUpperCase();
  return isMac ? { shown: `⌘⌥${key}`, aria: `Meta+Alt+${key}` } : { shown: `Ctrl+Alt+${key}`, aria: `Control+Alt+${key}` };
}

/**
 * Beside the toolbar in meeting notes: make the current line (or the selected
 * text) a proposed decision or an action. The status line says what happened.
 */
export function MeetingItemButtons({ editor, message }: { editor: Editor; message: string }) {
  const { t } = useTranslation();
  const decision = shortcut(MEETING_ITEM_SHORTCUTS.decision);
  const action = shortcut(MEETING_ITEM_SHORTCUTS.action);
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-keyshortcuts={decision.aria}
        title={t('decide.fromMeeting.hint', { shortcut: decision.shown, command: '/besluit' })}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => editor.chain().focus().turnIntoListItem('decision').run()}
      >
        {t('decide.fromMeeting.makeDecision')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        aria-keyshortcuts={action.aria}
        title={t('decide.fromMeeting.hint', { shortcut: action.shown, command: '/actie' })}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => editor.chain().focus().turnIntoListItem('action').run()}
      >
        {t('decide.fromMeeting.makeAction')}
      </button>
      <p className="editor__actions-status" role="status">
        {message}
      </p>
    </>
  );
}
