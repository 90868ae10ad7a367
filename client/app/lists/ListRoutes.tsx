import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route } from 'wouter';
import { Loading } from '../../ui/Loading.tsx';
import './decide.css';
import { ActionListPage } from '../actions/ActionListPage.tsx';
import { MyActionsPage } from '../actions/MyActionsPage.tsx';
import { AllDecisionsPage } from '../decisions/AllDecisionsPage.tsx';
import { DecisionListPage } from '../decisions/DecisionListPage.tsx';

// One decision's page brings a small TipTap editor (its explanation): load it when needed.
const DecisionPage = lazy(() => import('../decisions/DecisionPage.tsx').then((module) => ({ default: module.DecisionPage })));

function LazyDecisionPage({ workplaceId, decisionId }: { workplaceId: string; decisionId: string }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading text={t('decide.loading')} />}>
      <DecisionPage workplaceId={workplaceId} decisionId={decisionId} />
    </Suspense>
  );
}

/**
 * The routes of the decision and action lists, for WorkspaceApp's <Switch>.
 * Call it as a function: Switch only sees <Route> elements (a fragment is flattened).
 */
export function ListRoutes() {
  return (
    <>
      <Route path="/w/:workspaceId/besluiten">
        <AllDecisionsPage />
      </Route>
      <Route path="/w/:workspaceId/mijn-acties">
        <MyActionsPage />
      </Route>
      <Route path="/w/:workspaceId/p/:workplaceId/besluiten">
        {({ workplaceId }) => <DecisionListPage key={workplaceId} workplaceId={workplaceId} />}
      </Route>
      <Route path="/w/:workspaceId/p/:workplaceId/besluiten/:decisionId">
        {({ workplaceId, decisionId }) => <LazyDecisionPage key={`${workplaceId}/${decisionId}`} workplaceId={workplaceId} decisionId={decisionId} />}
      </Route>
      <Route path="/w/:workspaceId/p/:workplaceId/acties">
        {({ workplaceId }) => <ActionListPage key={workplaceId} workplaceId={workplaceId} />}
      </Route>
    </>
  );
}
