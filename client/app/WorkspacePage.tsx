import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkspaceView } from '../../shared/api.ts';
import { INDEX_DOC_ID, type WorkspaceId } from '../../shared/rooms.ts';
import { useCollabRoom } from '../collab/useCollabRoom.ts';
import { useSynced } from '../collab/useSynced.ts';
import { useWorkspaceIndex } from '../collab/useWorkspaceIndex.ts';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { InvitePanel } from './InvitePanel.tsx';
import { MemberList } from './MemberList.tsx';
import { usePageTitle } from './usePageTitle.ts';
import { WorkspaceGate } from './WorkspaceGate.tsx';

/** `/w/:workspaceId`: workplaces and their documents (live), members, invites. */
export default function WorkspacePage({ workspaceId }: { workspaceId: WorkspaceId }) {
  return (
    <WorkspaceGate workspaceId={workspaceId}>
      {(workspace, reload) => <WorkspaceOverview workspaceId={workspaceId} workspace={workspace} reload={reload} />}
    </WorkspaceGate>
  );
}

interface WorkspaceOverviewProps {
  workspaceId: WorkspaceId;
  workspace: WorkspaceView;
  reload(): void;
}

function WorkspaceOverview({ workspaceId, workspace, reload }: WorkspaceOverviewProps) {
  const { t } = useTranslation();
  usePageTitle(workspace.name);
  const canEdit = workspace.me.access === 'edit';
  return (
    <>
      <h1>{workspace.name}</h1>
      {!canEdit && <Notice>{t('workspace.viewOnlyNotice')}</Notice>}
      <div className="columns">
        <Workplaces workspaceId={workspaceId} />
        <div>
          <section className="panel" aria-labelledby="members-title">
            <h2 id="members-title">{t('workspace.members')}</h2>
            <MemberList members={workspace.members} myId={workspace.me.id} />
          </section>
          {canEdit && <InvitePanel workspaceId={workspaceId} invites={workspace.invites} onChanged={reload} />}
        </div>
      </div>
    </>
  );
}

function Workplaces({ workspaceId }: { workspaceId: WorkspaceId }) {
  const { t } = useTranslation();
  const room = useCollabRoom(workspaceId, INDEX_DOC_ID);
  const synced = useSynced(room?.provider ?? null);
  const { workplaces, documents } = useWorkspaceIndex(room?.doc ?? null);

  return (
    <section className="panel" aria-labelledby="workplaces-title">
      <h2 id="workplaces-title">{t('workspace.workplaces')}</h2>
      {!synced ? (
        <Loading text={t('workspace.indexLoading')} />
      ) : workplaces.length === 0 ? (
        <p>{t('workspace.noWorkplaces')}</p>
      ) : (
        workplaces.map((workplace) => {
          const docs = documents.filter((doc) => doc.workplaceId === workplace.id);
          return (
            <div key={workplace.id} className="workplace">
              <h3>{workplace.title}</h3>
              {docs.length === 0 ? (
                <p className="muted">{t('workspace.noDocuments')}</p>
              ) : (
                <ul className="card-list">
                  {docs.map((doc) => (
                    <li key={doc.id}>
                      <Link
                        href={`/w/${encodeURIComponent(workspaceId)}/d/${encodeURIComponent(doc.id)}`}
                        className="card-link"
                      >
                        <span className="card-link__title">{doc.title || t('doc.untitled')}</span>
                        <span className="card-link__meta">{t(`kinds.${doc.kind}`)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}
