import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import {
  addOwner,
  deleteAction,
  isOverdue,
  MAX_ACTION_TEXT_LENGTH,
  removeOwner,
  setActionText,
  setDone,
  setDue,
  type ActionView,
} from '../../../shared/schema/actions.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { formatDay } from '../lists/dates.ts';
import type { Members } from '../lists/useMembers.ts';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { OwnerChoices } from './OwnerChoices.tsx';

/** The element id of an action in a list, so a chip in the notes can link straight to it. */
export function actionAnchor(actionId: string): string {
  return `actie-${actionId}`;
}

interface ActionItemProps {
  doc: Y.Doc;
  action: ActionView;
  workplaceId: string;
  members: Members;
  today: string;
  /** In "mijn acties": name the workplace and link to its list. */
  showWorkplace?: boolean;
  /** In the meeting summary: no link back to the meeting itself. */
  showMeeting?: boolean;
}

/**
 * One action: what, who, by when, done. Overdue actions say so in words and
 * with a symbol (not by colour alone); done ones are struck through and say "klaar".
 */
export function ActionItem({ doc, action, workplaceId, members, today, showWorkplace = false, showMeeting = true }: ActionItemProps) {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, index } = useWorkspaceContext();
  const [editing, setEditing] = useState(false);
  const doneId = useId();
  const overdue = isOverdue(action, today);
  const meeting = showMeeting && action.meetingDocId ? index.documents.find((entry) => entry.id === action.meetingDocId) : undefined;
  const workplace = showWorkplace ? index.workplaces.find((entry) => entry.id === workplaceId) : undefined;
  const owners = action.owners.map(members.nameOf).sort((a, b) => a.localeCompare(b));
  const classes = ['action-item', overdue && 'action-item--overdue', action.done && 'action-item--done'].filter(Boolean).join(' ');

  return (
    <li className={classes} id={actionAnchor(action.id)} tabIndex={-1}>
      <div className="action-item__check">
        <input
          id={doneId}
          type="checkbox"
          checked={action.done}
          disabled={!canEdit}
          aria-label={t('decide.actions.doneLabel', { what: action.what })}
          onChange={(event) => setDone(doc, action.id, event.target.checked, workspace.me.id, new Date().toISOString())}
        />
        <label htmlFor={doneId}>
          {t('decide.actions.done')}
        </label>
      </div>
      <div className="action-item__body">
        <p className="action-item__what">
          {action.done && (
            <span className="action-item__flag action-item__flag--done">
              <span aria-hidden="true">✓ </span>
              {t('decide.actions.isDone')}
            </span>
          )}
          {overdue && (
            <span className="action-item__flag action-item__flag--overdue">
              <span aria-hidden="true">⚠ </span>
              {t('decide.actions.overdue')}
            </span>
          )}
          <span className="action-item__text">{action.what || t('decide.actions.untitled')}</span>
        </p>
        <p className="action-item__meta">
          <span>
            {t('decide.actions.who')}: {owners.length > 0 ? owners.join(', ') : t('decide.actions.nobody')}
          </span>
          {' · '}
          <span>{action.due ? t('decide.actions.dueOn', { date: formatDay(action.due) }) : t('decide.actions.noDue')}</span>
          {workplace && (
            <>
              {' · '}
              <Link href={paths.actions(workspaceId, workplaceId)}>{workplace.title || t('workplace.untitled')}</Link>
            </>
          )}
          {meeting && (
            <>
              {' · '}
              <Link href={paths.document(workspaceId, meeting.id)}>{t('decide.decisions.fromMeeting', { title: meeting.title || t('doc.untitled') })}</Link>
            </>
          )}
        </p>
        {canEdit &&
          (editing ? (
            <ActionEditForm doc={doc} action={action} members={members} onDone={() => setEditing(false)} />
          ) : (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t('decide.actions.editLabel', { what: action.what })}
              onClick={() => setEditing(true)}
            >
              {t('decide.actions.edit')}
            </button>
          ))}
      </div>
    </li>
  );
}

function ActionEditForm({ doc, action, members, onDone }: { doc: Y.Doc; action: ActionView; members: Members; onDone(): void }) {
  const { t } = useTranslation();
  const [what, setWhat] = useState(action.what);
  const [due, setDueValue] = useState(action.due ?? '');
  const whatId = useId();
  const dueId = useId();
  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (what.trim() && what.trim() !== action.what) setActionText(doc, action.id, what);
    if (due !== (action.due ?? '')) setDue(doc, action.id, /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null);
    onDone();
  };
  return (
    <form className="form action-edit" onSubmit={save}>
      <div className="field">
        <label className="field__label" htmlFor={whatId}>
          {t('decide.actions.whatLabel')}
        </label>
        <input id={whatId} className="field__input" value={what} required maxLength={MAX_ACTION_TEXT_LENGTH} onChange={(event) => setWhat(event.target.value)} />
      </div>
      <OwnerChoices
        members={members}
        selected={action.owners}
        onToggle={(memberId, on) => (on ? addOwner(doc, action.id, memberId) : removeOwner(doc, action.id, memberId))}
      />
      <div className="field">
        <label className="field__label" htmlFor={dueId}>
          {t('decide.actions.dueLabel')}
        </label>
        <input id={dueId} className="field__input field__input--date" type="date" value={due} onChange={(event) => setDueValue(event.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('rename.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('decide.actions.close')}
        </button>
        <ConfirmButton
          label={t('archive.delete')}
          ariaLabel={t('decide.actions.deleteLabel', { what: action.what })}
          question={t('decide.actions.deleteQuestion', { what: action.what })}
          confirmLabel={t('archive.deleteConfirm')}
          cancelLabel={t('archive.keep')}
          onConfirm={() => deleteAction(doc, action.id)}
        />
      </div>
    </form>
  );
}
