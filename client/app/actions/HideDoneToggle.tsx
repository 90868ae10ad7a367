import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** "Afgeronde acties verbergen", with how many there are. */
export function HideDoneToggle({ hide, onChange, doneCount }: { hide: boolean; onChange(hide: boolean): void; doneCount: number }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="toggle-row">
      <input id={id} type="checkbox" checked={hide} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{t('decide.actions.hideDone', { count: doneCount })}</label>
    </div>
  );
}
