import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { myActions, readActions } from '../../../shared/schema/actions.ts';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { todayIso } from '../lists/dates.ts';
import { useMembers } from '../lists/useMembers.ts';
import { useWorkplaceLists } from '../lists/useWorkplaceLists.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { ActionItem } from './ActionItem.tsx';
import { HideDoneToggle } from './HideDoneToggle.tsx';

/** `/w/:workspaceId/mijn-acties`: every action you are one of the owners of, in every workplace. */
export function MyActionsPage() {
  const { t } = useTranslation();
  const { workspaceId, workspace, canEdit, indexReady, index } = useWorkspaceContext();
  usePageTitle(t('decide.mine.title'));
  const workplaceIds = index.workplaces.filter((workplace) => !workplace.archived).map((workplace) => workplace.id);
  const { lists, ready } = useWorkplaceLists('actions', workplaceIds, readActions);
  const members = useMembers();
  const [hide, setHide] = useState(false);
  const today = todayIso();
  const all = myActions(lists.map((list) => ({ workplaceId: list.workplaceId, actions: list.items })), workspace.me.id);
  const shown = hide ? all.filter((action) => !action.done) : all;
  const docs = new Map(lists.map((list) => [list.workplaceId, list.doc]));

  return (
    <article aria-labelledby="mine-title">
      <p className="breadcrumb">
        <Link href={paths.overview(workspaceId)}>← {t('doc.back', { name: workspace.name })}</Link>
      </p>
      <h1 id="mine-title">{t('decide.mine.title')}</h1>
      <p className="intro">{t('decide.mine.intro', { name: workspace.me.name })}</p>
      {!canEdit && <Notice>{t('decide.viewOnly')}</Notice>}
      <HideDoneToggle hide={hide} onChange={setHide} doneCount={all.filter((action) => action.done).length} />
      {!indexReady || !ready ? (
        <Loading text={t('decide.loading')} />
      ) : shown.length === 0 ? (
        <p className="panel muted">{all.length === 0 ? t('decide.mine.none') : t('decide.actions.allDone')}</p>
      ) : (
        <ul className="action-list">
          {shown.map((action) => {
            const doc = docs.get(action.workplaceId);
            return doc ? (
              <ActionItem
                key={`${action.workplaceId}/${action.id}`}
                doc={doc}
                action={action}
                workplaceId={action.workplaceId}
                members={members}
                today={today}
                showWorkplace
              />
            ) : null;
          })}
        </ul>
      )}
    </article>
  );
}
