import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { consentSummary, isOpenForConsent } from '../../../shared/schema/consent.ts';
import { filterDecisions } from '../../../shared/schema/decisionFilters.ts';
import { DECISION_STATUSES, readDecisions, type DecisionStatus, type DecisionView } from '../../../shared/schema/decisions.ts';
import { Loading } from '../../ui/Loading.tsx';
import { todayIso } from '../lists/dates.ts';
import { useMembers } from '../lists/useMembers.ts';
import { useWorkplaceLists } from '../lists/useWorkplaceLists.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { DecisionCard } from './DecisionCard.tsx';

interface Filters {
  workplaceId: string;
  status: DecisionStatus | '';
  from: string;
  to: string;
  reviewDue: boolean;
  /** Open proposals this member has not responded to yet. */
  waitingForMe: boolean;
}

const NO_FILTERS: Filters = { workplaceId: '', status: '', from: '', to: '', reviewDue: false, waitingForMe: false };

/** `/w/:workspaceId/besluiten`: the decisions of every workplace, newest first, with filters. */
export function AllDecisionsPage() {
  const { t } = useTranslation();
  const { workspaceId, workspace, indexReady, index } = useWorkspaceContext();
  usePageTitle(t('decide.all.title'));
  const workplaces = index.workplaces.filter((workplace) => !workplace.archived);
  const { lists, ready } = useWorkplaceLists(
    'decisions',
    workplaces.map((workplace) => workplace.id),
    readDecisions,
  );
  const members = useMembers();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const set = (change: Partial<Filters>): void => setFilters((current) => ({ ...current, ...change }));
  const today = todayIso();
  const ids = { workplace: useId(), status: useId(), from: useId(), to: useId(), review: useId(), mine: useId() };
  const waitingForMe = (decision: DecisionView): boolean =>
    isOpenForConsent(decision.status) && consentSummary(decision, members.all).pending.some((member) => member.id === workspace.me.id);

  const rows = lists.flatMap((list) => list.items.map((decision) => ({ decision, workplaceId: list.workplaceId })));
  // The filter rules (and the newest-first order) are shared/schema/decisionFilters.ts; "waiting for me" needs the member list.
  const shown = filterDecisions(rows, {
    today,
    reviewDue: filters.reviewDue,
    ...(filters.workplaceId && { workplaceId: filters.workplaceId }),
    ...(filters.status && { status: filters.status }),
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: filters.to }),
  }).filter(({ decision }) => !filters.waitingForMe || waitingForMe(decision));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <article aria-labelledby="all-decisions-title">
      <p className="breadcrumb">
        <Link href={paths.overview(workspaceId)}>← {t('doc.back', { name: workspace.name })}</Link>
      </p>
      <h1 id="all-decisions-title">{t('decide.all.title')}</h1>
      <form className="panel filters" aria-label={t('decide.all.filters')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label className="field__label" htmlFor={ids.workplace}>
            {t('decide.all.workplace')}
          </label>
          <select id={ids.workplace} className="field__input" value={filters.workplaceId} onChange={(event) => set({ workplaceId: event.target.value })}>
            <option value="">{t('decide.all.allWorkplaces')}</option>
            {workplaces.map((workplace) => (
              <option key={workplace.id} value={workplace.id}>
                {workplace.title || t('workplace.untitled')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.status}>
            {t('decide.all.status')}
          </label>
          <select id={ids.status} className="field__input" value={filters.status} onChange={(event) => set({ status: event.target.value as Filters['status'] })}>
            <option value="">{t('decide.all.allStatuses')}</option>
            {DECISION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`decide.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.from}>
            {t('decide.all.from')}
          </label>
          <input id={ids.from} className="field__input" type="date" value={filters.from} onChange={(event) => set({ from: event.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.to}>
            {t('decide.all.to')}
          </label>
          <input id={ids.to} className="field__input" type="date" value={filters.to} onChange={(event) => set({ to: event.target.value })} />
        </div>
        <div className="toggle-row filters__wide">
          <input id={ids.review} type="checkbox" checked={filters.reviewDue} onChange={(event) => set({ reviewDue: event.target.checked })} />
          <label htmlFor={ids.review}>{t('decide.all.reviewDue')}</label>
        </div>
        {workspace.me.access === 'edit' && (
          <div className="toggle-row filters__wide">
            <input id={ids.mine} type="checkbox" checked={filters.waitingForMe} onChange={(event) => set({ waitingForMe: event.target.checked })} />
            <label htmlFor={ids.mine}>{t('decide.all.waitingForMe')}</label>
          </div>
        )}
        {filtered && (
          <button type="button" className="button button--secondary filters__wide" onClick={() => setFilters(NO_FILTERS)}>
            {t('decide.all.clear')}
          </button>
        )}
      </form>
      {!indexReady || !ready ? (
        <Loading text={t('decide.loading')} />
      ) : (
        <>
          <p role="status" className="muted">
            {t('decide.all.count', { count: shown.length })}
          </p>
          {shown.length > 0 && (
            <ul className="decision-list">
              {shown.map(({ decision, workplaceId }) => (
                <DecisionCard
                  key={`${workplaceId}/${decision.id}`}
                  decision={decision}
                  workplaceId={workplaceId}
                  members={members.all}
                  nameOf={members.nameOf}
                  today={today}
                  showWorkplace
                />
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}
