import { useTranslation } from 'react-i18next';
import type { ConsentSummary } from '../../../shared/schema/consent.ts';
import type { ResponseView } from '../../../shared/schema/decisions.ts';

interface ConsentOverviewProps {
  summary: ConsentSummary;
  nameOf(memberId: string): string;
  /** Show the notes and reasons (the decision's own page); the list shows names only. */
  withNotes?: boolean;
}

/**
 * Who responded how in the current round, and who has not yet: every group
 * named in words with a symbol, so nothing depends on colour.
 */
export function ConsentOverview({ summary, nameOf, withNotes = false }: ConsentOverviewProps) {
  const { t } = useTranslation();
  const groups: { key: string; symbol: string; label: string; responses?: ResponseView[]; names?: string[] }[] = [
    { key: 'agreed', symbol: '✓', label: t('decide.consent.agreed'), responses: summary.agreed },
    { key: 'concerns', symbol: '~', label: t('decide.consent.concerns'), responses: summary.concerns },
    { key: 'objections', symbol: '!', label: t('decide.consent.objections'), responses: summary.objections },
    { key: 'withdrawn', symbol: '↩', label: t('decide.consent.withdrawn'), responses: summary.withdrawn },
    { key: 'pending', symbol: '…', label: t('decide.consent.pending'), names: summary.pending.map((member) => member.name) },
  ];
  return (
    <ul className="consent-overview" aria-label={t('decide.consent.overviewLabel', { round: summary.round })}>
      {groups
        .filter((group) => (group.responses?.length ?? group.names?.length ?? 0) > 0)
        .map((group) => {
          const count = group.responses?.length ?? group.names?.length ?? 0;
          return (
            <li key={group.key} className={`consent-overview__group consent-overview__group--${group.key}`}>
              <span className="consent-overview__label">
                <span aria-hidden="true">{group.symbol} </span>
                {group.label} ({count}):
              </span>{' '}
              {group.names ? (
                <span>{group.names.join(', ')}</span>
              ) : withNotes ? (
                <ul className="consent-overview__notes">
                  {group.responses!.map((response) => (
                    <li key={response.memberId}>
                      <strong>{nameOf(response.memberId)}</strong>
                      {response.note ? `: ${response.note}` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <span>{group.responses!.map((response) => nameOf(response.memberId)).join(', ')}</span>
              )}
            </li>
          );
        })}
    </ul>
  );
}
