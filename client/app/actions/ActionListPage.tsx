import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { actionsToCsv, actionsToMarkdown } from '../../../shared/export/listExport.ts';
import { addAction, hideDone, readActions, type ActionView } from '../../../shared/schema/actions.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { todayIso } from '../lists/dates.ts';
import { ExportButtons } from '../lists/ExportButtons.tsx';
import { useEnsureListEntries } from '../lists/useEnsureListEntries.ts';
import { useDocValue } from '../../collab/useDocValue.ts';
import { useListRoom } from '../lists/useListRoom.ts';
import { useMembers } from '../lists/useMembers.ts';
import { useMeetingTitles, useWorkplace } from '../lists/useWorkplace.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { RoomStatus } from '../workspace/RoomStatus.tsx';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { ActionItem } from './ActionItem.tsx';
import { useScrollToHash } from './useScrollToHash.ts';
import { HideDoneToggle } from './HideDoneToggle.tsx';
import { NewActionForm } from './NewActionForm.tsx';

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
