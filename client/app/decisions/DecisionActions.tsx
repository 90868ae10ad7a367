import { useTranslation } from 'react-i18next';
import { addAction, readActions, type ActionView } from '../../../shared/schema/actions.ts';
import { useDocValue } from '../../collab/useDocValue.ts';
import { Loading } from '../../ui/Loading.tsx';
import { ActionItem } from '../actions/ActionItem.tsx';
import { NewActionForm } from '../actions/NewActionForm.tsx';
import { todayIso } from '../lists/dates.ts';
import { useListRoom } from '../lists/useListRoom.ts';
import type { Members } from '../lists/useMembers.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

const NO_ACTIONS: ActionView[] = [];

/**
 * "Wie doet wat?" for one decision: the actions that carry it out (their
 * decisionId), kept in the workplace's action list like every other action.
 */
export function DecisionActions({ workplaceId, decisionId, members }: { workplaceId: string; decisionId: string; members: Members }) {
  const { t } = useTranslation();
  const { canEdit } = useWorkspaceContext();
  const { room, ready } = useListRoom('actions', workplaceId);
  const actions = useDocValue(room?.doc ?? null, readActions, NO_ACTIONS).filter((action) => action.decisionId === decisionId);
  const today = todayIso();
  return (
    <section className="panel" aria-labelledby="decision-actions-title">
      <h2 id="decision-actions-title">{t('decide.decision.actions')}</h2>
      {!ready || !room ? (
        <Loading text={t('decide.loading')} />
      ) : (
        <>
          {actions.length === 0 ? (
            <p className="muted">{t('decide.decision.noActions')}</p>
          ) : (
            <ul className="action-list">
              {actions.map((action) => (
                <ActionItem key={action.id} doc={room.doc} action={action} workplaceId={workplaceId} members={members} today={today} />
              ))}
            </ul>
          )}
          {canEdit && <NewActionForm members={members} nested onCreate={(input) => addAction(room.doc, { ...input, decisionId })} />}
        </>
      )}
    </section>
  );
}
