import { useTranslation } from 'react-i18next';
import type { DecisionState } from '../../../shared/schema/consent.ts';

const SYMBOLS = { voorstel: '○', genomen: '✓', verworpen: '✕', herzien: '↻', problem: '!' } as const;

/** A decision's status in words, with a symbol; colour only repeats what the words say. */
export function StatusBadge({ state }: { state: DecisionState }) {
  const { t } = useTranslation();
  const tone = state.problem ? 'problem' : state.status;
  return (
    <span className={`status-badge status-badge--${tone}`}>
      <span className="status-badge__symbol" aria-hidden="true">
        {SYMBOLS[tone]}
      </span>
      {state.problem ? t(`decide.problem.${state.problem}`) : t(`decide.status.${state.status}`)}
    </span>
  );
}
