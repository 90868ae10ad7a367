import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import type { ActionView } from '../../../shared/schema/actions.ts';
import { consentSummary, decisionState, isOpenForConsent } from '../../../shared/schema/consent.ts';
import type { DecisionView } from '../../../shared/schema/decisions.ts';
import { meetingSummary } from '../../../shared/schema/meetingSummary.ts';
import { Loading } from '../../ui/Loading.tsx';
import { ActionItem } from '../actions/ActionItem.tsx';
import { ConsentOverview } from '../decisions/ConsentOverview.tsx';
import { StatusBadge } from '../decisions/StatusBadge.tsx';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { todayIso } from './dates.ts';
import type { Members } from './useMembers.ts';

interface MeetingSummaryProps {
  meetingDocId: string;
  workplaceId: string;
  decisions: readonly DecisionView[];
  actions: readonly ActionView[];
  actionsDoc: Y.Doc | null;
  members: Members;
  ready: boolean;
}

/**
 * Under the meeting notes: the decisions and actions made in this meeting,
 * live, so the group can check at the end that everyone agrees on them (and
 * fill in who does what, by when, without leaving the notes).
 */
export function MeetingSummary({ meetingDocId, workplaceId, decisions, actions, actionsDoc, members, ready }: MeetingSummaryProps) {
  const { t } = useTranslation();
  const { workspaceId, canEdit } = useWorkspaceContext();
  const summary = meetingSummary(meetingDocId, decisions, actions);
  const today = todayIso();
  return (
    <section className="panel meeting-summary" aria-labelledby="meeting-summary-title">
      <h2 id="meeting-summary-title">{t('decide.summary.title')}</h2>
      {canEdit && <p className="muted">{t('decide.summary.howTo')}</p>}
      {!ready ? (
        <Loading text={t('decide.loading')} />
      ) : (
        <>
          <h3>{t('decide.summary.decisions', { count: summary.decisions.length })}</h3>
          {summary.decisions.length === 0 ? (
            <p className="muted">{t('decide.summary.noDecisions')}</p>
          ) : (
            <ul className="decision-list decision-list--compact">
              {summary.decisions.map((decision) => {
                const state = decisionState(decision, members.all);
                return (
                  <li key={decision.id} className={`decision-card decision-card--${state.problem ? 'problem' : state.status}`}>
                    <div className="decision-card__top">
                      <h4 className="decision-card__title">
                        <Link href={paths.decision(workspaceId, workplaceId, decision.id)}>{decision.title || t('decide.decisions.untitled')}</Link>
                      </h4>
                      <StatusBadge state={state} />
                    </div>
                    {(isOpenForConsent(decision.status) || state.problem) && (
                      <ConsentOverview summary={consentSummary(decision, members.all)} nameOf={members.nameOf} />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <h3>{t('decide.summary.actions', { count: summary.actions.length })}</h3>
          {summary.actions.length === 0 || !actionsDoc ? (
            <p className="muted">{t('decide.summary.noActions')}</p>
          ) : (
            <ul className="action-list">
              {summary.actions.map((action) => (
                <ActionItem
                  key={action.id}
                  doc={actionsDoc}
                  action={action}
                  workplaceId={workplaceId}
                  members={members}
                  today={today}
                  showMeeting={false}
                />
              ))}
            </ul>
          )}
          <p className="button-row">
            <Link href={paths.decisions(workspaceId, workplaceId)} className="button button--secondary">
              {t('decide.nav.decisions')}
            </Link>
            <Link href={paths.actions(workspaceId, workplaceId)} className="button button--secondary">
              {t('decide.nav.actions')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
