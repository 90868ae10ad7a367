import type { Editor } from '@tiptap/core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../shared/ids.ts';
import type { DocId } from '../../../shared/rooms.ts';
import { addAction, isOverdue, readActions, type ActionView } from '../../../shared/schema/actions.ts';
import { decisionState } from '../../../shared/schema/consent.ts';
import { addDecision, readDecisions, type DecisionView } from '../../../shared/schema/decisions.ts';
import { ensureListEntries } from '../../../shared/schema/listDocuments.ts';
import type { DocumentEntry } from '../../../shared/schema/workspaceIndex.ts';
import type { EditorAdditions } from '../../editor/extensions.ts';
import type { ChipInfo, ListItemKind } from '../../editor/listItemChip.ts';
import { MeetingItemCommands, type MeetingItemHandler } from '../../editor/meetingItemCommands.ts';
import { actionAnchor } from '../actions/ActionItem.tsx';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { createChipStore } from './chipStore.ts';
import { formatDay, todayIso } from './dates.ts';
import { MeetingItemButtons } from './MeetingItemButtons.tsx';
import { MeetingSummary } from './MeetingSummary.tsx';
import { useDocValue } from '../../collab/useDocValue.ts';
import { useListRoom } from './useListRoom.ts';
import { useMembers } from './useMembers.ts';

const NO_DECISIONS: DecisionView[] = [];
const NO_ACTIONS: ActionView[] = [];

export interface MeetingItems {
  /** For RichTextEditor: the chips and the commands that make them (stable for the page's life). */
  additions: EditorAdditions;
  /** The "Besluit" and "Actie" buttons beside the toolbar. */
  buttons(editor: Editor): ReactNode;
  /** The panel under the notes: what this meeting decided and who does what. */
  summary: ReactNode;
}

/**
 * Everything meeting notes add to a document page: the workplace's decision
 * and action lists kept open, turning lines into items, live chips and the
 * summary. Returns null for any other kind of document (and opens nothing).
 */
export function useMeetingItems(entry: DocumentEntry, docId: DocId): MeetingItems | null {
  const { t, i18n } = useTranslation();
  const { workspaceId, workspace, canEdit, indexRoom } = useWorkspaceContext();
  const isMeeting = entry.kind === 'meeting';
  const workplaceId = isMeeting ? entry.workplaceId : null;
  const decisionsList = useListRoom('decisions', workplaceId);
  const actionsList = useListRoom('actions', workplaceId);
  const decisions = useDocValue(decisionsList.room?.doc ?? null, readDecisions, NO_DECISIONS);
  const actions = useDocValue(actionsList.room?.doc ?? null, readActions, NO_ACTIONS);
  const members = useMembers(isMeeting);
  const [message, setMessage] = useState('');
  const [store] = useState(createChipStore);
  const handler = useRef<MeetingItemHandler | null>(null);

  // Read at the moment someone presses the button or Enter, so it always sees the current lists.
  handler.current = {
    create(kind, title) {
      const room = kind === 'decision' ? decisionsList.room : actionsList.room;
      if (!canEdit || !room || !workplaceId) return null;
      const itemId = newId();
      const at = new Date().toISOString();
      const made =
        kind === 'decision'
          ? addDecision(room.doc, { id: itemId, title, proposedBy: workspace.me.id, at, meetingDocId: docId })
          : addAction(room.doc, { id: itemId, what: title, owners: [], createdBy: workspace.me.id, at, meetingDocId: docId });
      if (!made) return null;
      if (indexRoom) {
        ensureListEntries(indexRoom.doc, workplaceId, { decisions: t('decide.decisions.title'), actions: t('decide.actions.title') }, at);
      }
      setMessage(t(kind === 'decision' ? 'decide.fromMeeting.madeDecision' : 'decide.fromMeeting.madeAction', { title }));
      return { itemId, workplaceId };
    },
    refused(kind, reason) {
      setMessage(t(`decide.fromMeeting.refused.${kind}.${reason}`));
    },
  };

  const additions = useMemo<EditorAdditions>(
    () => ({ chips: store, extensions: [MeetingItemCommands.configure({ handler })] }),
    [store],
  );

  const ready = decisionsList.ready && actionsList.ready;
  useEffect(() => {
    if (!workplaceId) return;
    const today = todayIso();
    const decisionById = new Map(decisions.map((decision) => [decision.id, decision]));
    const actionById = new Map(actions.map((action) => [action.id, action]));
    const lookup = (kind: ListItemKind, itemId: string): ChipInfo | null => {
      if (kind === 'decision') {
        const decision = decisionById.get(itemId);
        if (!decision) return null;
        const state = decisionState(decision, members.all);
        return {
          title: decision.title,
          status: state.problem ? t(`decide.problem.${state.problem}`) : t(`decide.status.${state.status}`),
          href: paths.decision(workspaceId, workplaceId, decision.id),
          tone: state.problem ? 'problem' : state.status === 'genomen' ? 'done' : state.status === 'verworpen' ? 'rejected' : 'open',
        };
      }
      const action = actionById.get(itemId);
      if (!action) return null;
      const owners = action.owners.length > 0 ? action.owners.map(members.nameOf).sort((a, b) => a.localeCompare(b)).join(', ') : t('decide.actions.nobody');
      const parts = [owners];
      if (action.due) parts.push(t('decide.actions.dueOn', { date: formatDay(action.due) }));
      parts.push(action.done ? t('decide.actions.isDone') : isOverdue(action, today) ? t('decide.actions.overdue') : t('decide.actions.open'));
      return {
        title: action.what,
        status: parts.join(' · '),
        href: `${paths.actions(workspaceId, workplaceId)}#${actionAnchor(action.id)}`,
        tone: action.done ? 'done' : isOverdue(action, today) ? 'problem' : 'open',
      };
    };
    store.update(lookup, ready);
  }, [store, decisions, actions, members, ready, workspaceId, workplaceId, t, i18n.language]);

  if (!isMeeting || !workplaceId) return null;
  return {
    additions,
    buttons: (editor) => <MeetingItemButtons editor={editor} message={message} />,
    summary: (
      <MeetingSummary
        meetingDocId={docId}
        workplaceId={workplaceId}
        decisions={decisions}
        actions={actions}
        actionsDoc={actionsList.room?.doc ?? null}
        members={members}
        ready={ready}
      />
    ),
  };
}
