/**
 * The TipTap setup for a rich text document bound to a Y.Doc. History comes
 * from Collaboration (Yjs' UndoManager: it only undoes your own changes), so
 * StarterKit's own undo/redo is switched off.
 */
import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../shared/schema/richText.ts';
import type { CaretUser } from '../collab/caretIdentity.ts';
import { ReadabilityHighlights } from '../readability/readabilityHighlights.ts';
import { caretInOwnEmptyBlock } from './caretInOwnEmptyBlock.ts';
import { freshSelectionBeforeRemoteChanges } from './freshSelection.ts';
import { ListItemChip, type ChipStore } from './listItemChip.ts';
import { isSafeLinkHref, refusedLinksGoNowhere } from './safeLinks.ts';
import { OfficePaste } from './officePaste.ts';

function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : 'transparent';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  // The presence bar names everyone; inside the text the label would only
  // interrupt a screen reader mid-sentence.
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

/** What meeting notes add: a store that resolves decision/action chips, and their commands. */
export interface EditorAdditions {
  chips: ChipStore;
  extensions: Extensions;
}

export function richTextExtensions(doc: Y.Doc, provider: WebsocketProvider, me: CaretUser, additions?: EditorAdditions): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      // A click on a link places the caret (to edit it); the link form offers to open it. For readers
      // the text is not editable, so their click follows the link as on any web page.
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isSafeLinkHref(url),
      },
    }),
    refusedLinksGoNowhere,
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    freshSelectionBeforeRemoteChanges(doc, provider.awareness),
    caretInOwnEmptyBlock(doc),
    OfficePaste,
    Collaboration.configure({ document: doc, field: RICH_TEXT_FIELD }),
    CollaborationCaret.configure({ provider, user: me, render: renderCaret }),
    ListItemChip.configure({ store: additions?.chips ?? null }),
    ...(additions?.extensions ?? []),
    ReadabilityHighlights,
  ];
}
