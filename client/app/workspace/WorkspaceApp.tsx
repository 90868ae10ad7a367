import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import type { WorkspaceView } from '../../../shared/api.ts';
import { INDEX_DOC_ID, parseDocId, type WorkspaceId } from '../../../shared/rooms.ts';
import { useCollabRoom } from '../../collab/useCollabRoom.ts';
import { useOnlineMembers } from '../../collab/useOnlineMembers.ts';
import { useRoomReady } from '../../collab/useRoomReady.ts';
import { useWorkspaceIndex } from '../../collab/useWorkspaceIndex.ts';
import { Loading } from '../../ui/Loading.tsx';
import { MessagePage } from '../../ui/MessagePage.tsx';
import { WorkspaceGate } from '../WorkspaceGate.tsx';
import { ListRoutes } from '../lists/ListRoutes.tsx';
import { MembersPage } from './MembersPage.tsx';
import { Overview } from './Overview.tsx';
import { WorkplacePage } from './WorkplacePage.tsx';
import { WorkspaceContext, type WorkspaceContextValue } from './WorkspaceContext.ts';

// The editor (TipTap, ProseMirror) is only needed once a document is opened.
const DocumentPage = lazy(() => import('./DocumentPage.tsx').then((module) => ({ default: module.DocumentPage })));

/**
 * Everything under `/w/:workspaceId`: loaded lazily (it brings Yjs and, for
 * documents, TipTap). The index room stays open while people move between
 * the pages of one workspace, so navigation is instant and presence steady.
 */
export default function WorkspaceApp({ workspaceId }: { workspaceId: WorkspaceId }) {
  return (
    <WorkspaceGate workspaceId={workspaceId}>
      {(workspace, reload) => <WorkspaceRoutes workspaceId={workspaceId} workspace={workspace} reload={reload} />}
    </WorkspaceGate>
  );
}

interface WorkspaceRoutesProps {
  workspaceId: WorkspaceId;
  workspace: WorkspaceView;
  reload(): void;
}

function WorkspaceRoutes({ workspaceId, workspace, reload }: WorkspaceRoutesProps) {
  const { t } = useTranslation();
  const indexRoom = useCollabRoom(workspaceId, INDEX_DOC_ID, workspace.me.id);
  const indexReady = useRoomReady(indexRoom);
  const index = useWorkspaceIndex(indexRoom?.doc ?? null);
  const online = useOnlineMembers(indexRoom?.provider ?? null).filter((person) => person.member.id !== workspace.me.id);
  const value = useMemo<WorkspaceContextValue>(
    () => ({ workspaceId, workspace, reload, canEdit: workspace.me.access === 'edit', indexRoom, indexReady, index, online }),
    // `online` is a new array on every render; compare it by content.
    [workspaceId, workspace, reload, indexRoom, indexReady, index, JSON.stringify(online)],
  );

  // Presence in the index room says where someone is, for "who is online" and "ook hier".
  useEffect(() => {
    indexRoom?.provider.awareness.setLocalStateField('viewing', null);
  }, [indexRoom]);

  return (
    <WorkspaceContext.Provider value={value}>
      <Switch>
        <Route path="/w/:workspaceId">
          <Overview />
        </Route>
        <Route path="/w/:workspaceId/leden">
          <MembersPage />
        </Route>
        <Route path="/w/:workspaceId/p/:workplaceId">{({ workplaceId }) => <WorkplacePage key={workplaceId} workplaceId={workplaceId} />}</Route>
        {ListRoutes()}
        <Route path="/w/:workspaceId/d/:docId">
          {({ docId }) => {
            const id = parseDocId(docId);
            return id ? (
              <Suspense fallback={<Loading text={t('doc.loading')} />}>
                <DocumentPage key={id} docId={id} />
              </Suspense>
            ) : (
              <MessagePage title={t('notFound.title')} body={t('notFound.body')} linkLabel={t('app.home')} />
            );
          }}
        </Route>
      </Switch>
    </WorkspaceContext.Provider>
  );
}
