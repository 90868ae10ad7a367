import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { actionsToCsv, actionsToMarkdown } from '../../../shared/export/listExport.ts';
import { newId } from '../../../shared/ids.ts';
import { addAction, hideDone, MAX_ACTION_TEXT_LENGTH, readActions, type ActionView, type NewAction } from '../../../shared/schema/actions.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { todayIso } from '../lists/dates.ts';
import { ExportButtons } from '../lists/ExportButtons.tsx';
import { useEnsureListEntries } from '../lists/useEnsureListEntries.ts';
import { useDocValue } from '../../collab/useDocValue.ts';
import { useListRoom } from '../lists/useListRoom.ts';
import { useMembers, type Members } from '../lists/useMembers.ts';
import { useMeetingTitles, useWorkplace } from '../lists/useWorkplace.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { RoomStatus } from '../workspace/RoomStatus.tsx';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { ActionItem } from './ActionItem.tsx';
import { useScrollToHash } from './useScrollToHash.ts';
import { HideDoneToggle } from './HideDoneToggle.tsx';
import { OwnerChoices } from './OwnerChoices.tsx';

const NO_ACTIONS: ActionView[] = [];

/** `/w/:workspaceId/p/:workplaceId/acties`: the workplace's action list (wie doet wat, wanneer). */
export function ActionListPage({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexReady } = useWorkspaceContext();
  const workplace = useWorkplace(workplaceId);
  const { room, ready } = useListRoom('actions', workplace ? workplaceId : null);
  const actions = useDocValue(room?.doc ?? null, readActions, NO_ACTIONS);
  const members = useMembers();
  const meetingTitles = useMeetingTitles();
  const [hide, setHide] = useState(false);
  useScrollToHash(ready);
  useEnsureListEntries(workplace ? workplaceId : null);
  const workplaceTitle = workplace?.title || t('workplace.untitled');
  usePageTitle(workplace ? `${t('decide.actions.title')}: ${workplaceTitle}` : null);

  if (!indexReady) return <Loading text={t('workspace.indexLoading')} />;
  if (!workplace) {
    return (
      <MessagePage
        title={t('workplace.notFoundTitle')}
        body={t('workplace.notFound')}
        linkLabel={t('doc.back', { name: workspace.name })}
        linkTo={paths.overview(workspaceId)}
      />
    );
  }
  const today = todayIso();
  // Open ones first, the soonest due date first; done ones at the end.
  const ordered = [...actions].sort(
    (a, b) => Number(a.done) - Number(b.done) || (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') || a.order - b.order,
  );
  const shown = hide ? hideDone(ordered) : ordered;
  const doneCount = actions.length - hideDone(actions).length;
  const exportOptions = () => ({ members: members.all, language: currentLanguage(), meetingTitles, today, title: `${t('decide.actions.title')}: ${workplaceTitle}` });

  return (
    <article aria-labelledby="actions-title">
      <p className="breadcrumb">
        <Link href={paths.workplace(workspaceId, workplaceId)}>← {t('doc.back', { name: workplaceTitle })}</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="actions-title">{t('decide.actions.title')}</h1>
          <p className="muted page-header__sub">{workplaceTitle}</p>
        </div>
        <RoomStatus room={room} canEdit={canEdit} />
      </header>
      {!canEdit && <Notice>{t('decide.viewOnly')}</Notice>}
      <div className="list-toolbar">
        {canEdit && room && <NewActionForm members={members} onCreate={(input) => addAction(room.doc, input)} />}
        <ExportButtons
          nameParts={[t('decide.actions.fileName'), workplaceTitle, today]}
          disabled={!ready}
          csv={() => actionsToCsv(actions, exportOptions())}
          markdown={() => actionsToMarkdown(actions, exportOptions())}
        />
      </div>
      <HideDoneToggle hide={hide} onChange={setHide} doneCount={doneCount} />
      {!ready || !room ? (
        <Loading text={t('decide.loading')} />
      ) : shown.length === 0 ? (
        <p className="panel muted">{actions.length === 0 ? t('decide.actions.none') : t('decide.actions.allDone')}</p>
      ) : (
        <ul className="action-list">
          {shown.map((action) => (
            <ActionItem key={action.id} doc={room.doc} action={action} workplaceId={workplaceId} members={members} today={today} />
          ))}
        </ul>
      )}
    </article>
  );
}

function NewActionForm({ members, onCreate }: { members: Members; onCreate(input: NewAction): boolean }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState('');
  const [owners, setOwners] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const whatId = useId();
  const dueId = useId();
  if (!open) {
    return (
      <button type="button" className="button button--primary" onClick={() => setOpen(true)}>
        {t('decide.actions.new')}
      </button>
    );
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!what.trim()) return;
    const created = onCreate({
      id: newId(),
      what,
      owners,
      ...(/^\d{4}-\d{2}-\d{2}$/.test(due) && { due }),
      createdBy: workspace.me.id,
      at: new Date().toISOString(),
    });
    if (created) {
      setWhat('');
      setOwners([]);
      setDue('');
      setOpen(false);
    }
  };
  return (
    <form className="form panel new-item-form" onSubmit={submit} aria-labelledby={`${whatId}-heading`}>
      <h2 id={`${whatId}-heading`}>{t('decide.actions.new')}</h2>
      <div className="field">
        <label className="field__label" htmlFor={whatId}>
          {t('decide.actions.whatLabel')}
        </label>
        <input id={whatId} className="field__input" value={what} required autoFocus maxLength={MAX_ACTION_TEXT_LENGTH} onChange={(event) => setWhat(event.target.value)} />
      </div>
      <OwnerChoices
        members={members}
        selected={owners}
        onToggle={(memberId, on) => setOwners((current) => (on ? [...new Set([...current, memberId])] : current.filter((id) => id !== memberId)))}
      />
      <div className="field">
        <label className="field__label" htmlFor={dueId}>
          {t('decide.actions.dueLabel')}
        </label>
        <input id={dueId} className="field__input field__input--date" type="date" value={due} onChange={(event) => setDue(event.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!what.trim()}>
          {t('decide.actions.create')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('rename.cancel')}
        </button>
      </div>
    </form>
  );
}
