import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { consentSummary, decisionState, isOpenForConsent, reviewDue, type ConsentMember } from '../../../shared/schema/consent.ts';
import type { DecisionView } from '../../../shared/schema/decisions.ts';
import { formatDay, localDayOf } from '../lists/dates.ts';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { ConsentOverview } from './ConsentOverview.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface DecisionCardProps {
  decision: DecisionView;
  workplaceId: string;
  members: readonly ConsentMember[];
  nameOf(memberId: string): string;
  today: string;
  /** In the workspace-wide view: say which workplace it belongs to. */
  showWorkplace?: boolean;
}

/** One decision in a list: title, status, where it came from, and who responded how. */
export function DecisionCard({ decision, workplaceId, members, nameOf, today, showWorkplace = false }: DecisionCardProps) {
  const { t } = useTranslation();
  const { workspaceId, index } = useWorkspaceContext();
  const state = decisionState(decision, members);
  const meeting = decision.meetingDocId ? index.documents.find((doc) => doc.id === decision.meetingDocId) : undefined;
  const workplace = showWorkplace ? index.workplaces.find((entry) => entry.id === workplaceId) : undefined;
  const due = reviewDue(decision, today);
  return (
    <li className={`decision-card decision-card--${state.problem ? 'problem' : state.status}`}>
      <div className="decision-card__top">
        <h3 className="decision-card__title">
          <Link href={paths.decision(workspaceId, workplaceId, decision.id)}>{decision.title || t('decide.decisions.untitled')}</Link>
        </h3>
        <StatusBadge state={state} />
      </div>
      <p className="decision-card__meta">
        {workplace && (
          <>
            {workplace.title || t('workplace.untitled')}
            {' · '}
          </>
        )}
        {t('decide.decisions.proposedBy', { name: nameOf(decision.proposedBy), date: formatDay(localDayOf(decision.createdAt)) })}
        {decision.decidedOn && ` · ${t('decide.decisions.decidedOn', { date: formatDay(decision.decidedOn) })}`}
        {decision.reviewDate && (
          <>
            {' · '}
            <span className={due ? 'attention' : undefined}>
              {due && <span aria-hidden="true">⚑ </span>}
              {t(due ? 'decide.decisions.reviewDue' : 'decide.decisions.reviewOn', { date: formatDay(decision.reviewDate) })}
            </span>
          </>
        )}
        {meeting && (
          <>
            {' · '}
            <Link href={paths.document(workspaceId, meeting.id)}>{t('decide.decisions.fromMeeting', { title: meeting.title || t('doc.untitled') })}</Link>
          </>
        )}
      </p>
      {(isOpenForConsent(decision.status) || state.problem) && <ConsentOverview summary={consentSummary(decision, members)} nameOf={nameOf} />}
    </li>
  );
}
