import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceView } from '../../shared/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { MessagePage } from '../ui/MessagePage.tsx';
import { errorText } from './errorText.ts';
import { usePageTitle } from './usePageTitle.ts';
import { useWorkspace } from './useWorkspace.ts';

interface WorkspaceGateProps {
  workspaceId: string;
  children(workspace: WorkspaceView, reload: () => void): ReactNode;
}

/** Shows its children only to members; everyone else gets a friendly "ask for an invite" page. */
export function WorkspaceGate({ workspaceId, children }: WorkspaceGateProps) {
  const { t } = useTranslation();
  const { state, reload } = useWorkspace(workspaceId);
  usePageTitle(state.status === 'noAccess' ? t('noAccess.title') : null);
  switch (state.status) {
    case 'loading':
      return <Loading text={t('app.loading')} />;
    case 'noAccess':
      return <MessagePage title={t('noAccess.title')} body={t('noAccess.body')} linkLabel={t('app.home')} />;
    case 'error':
      return <ErrorMessage text={errorText(state.error, t)} />;
    case 'ready':
      return <>{children(state.workspace, reload)}</>;
  }
}
