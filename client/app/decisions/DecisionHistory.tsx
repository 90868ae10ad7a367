import { useTranslation } from 'react-i18next';
import type { DecisionView, HistoryEntry } from '../../../shared/schema/decisions.ts';
import { formatDay, formatMoment } from '../lists/dates.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

/** Who changed what, and when: the decision's history, newest first. */
export function DecisionHistory({ decision, nameOf }: { decision: DecisionView; nameOf(memberId: string): string }) {
  const { t } = useTranslation();
  const { index } = useWorkspaceContext();
  const describe = (entry: HistoryEntry): string => {
    switch (entry.field) {
      case 'created':
        return t('decide.history.created', { title: entry.value });
      case 'title':
        return t('decide.history.renamed', { title: entry.value });
      case 'explanation':
        return t('decide.history.explanation');
      case 'status':
        return t('decide.history.status', { status: t(`decide.status.${statusKey(entry.value)}`) });
      case 'decidedOn':
        return t('decide.history.decidedOn', { date: entry.value ? formatDay(entry.value) : '' });
      case 'reviewDate':
        return entry.value ? t('decide.history.reviewDate', { date: formatDay(entry.value) }) : t('decide.history.reviewDateCleared');
      case 'meetingDocId': {
        const meeting = index.documents.find((doc) => doc.id === entry.value);
        return entry.value ? t('decide.history.meeting', { title: meeting?.title ?? '' }) : t('decide.history.meetingCleared');
      }
      case 'round':
        return t('decide.history.round', { round: entry.value });
      case 'response':
        return t('decide.history.response', { kind: t(`decide.consent.kind.${kindKey(entry.value)}`) });
      case 'withdraw':
        return t('decide.history.withdraw');
      default: {
        const unknown: never = entry.field;
        return String(unknown);
      }
    }
  };
  const entries = [...decision.history].reverse();
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('decide.history.heading')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('decide.history.none')}</p>
      ) : (
        <ol className="history">
          {entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`} className="history__item">
              <span className="history__when">{formatMoment(entry.at)}</span>{' '}
              <span>
                <strong>{nameOf(entry.by)}</strong> {describe(entry)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function statusKey(value: string): 'voorstel' | 'genomen' | 'verworpen' | 'herzien' {
  return value === 'genomen' || value === 'verworpen' || value === 'herzien' ? value : 'voorstel';
}

function kindKey(value: string): 'eens' | 'bedenkingen' | 'bezwaar' {
  return value === 'bedenkingen' || value === 'bezwaar' ? value : 'eens';
}
