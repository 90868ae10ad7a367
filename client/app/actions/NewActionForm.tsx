import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../shared/ids.ts';
import { MAX_ACTION_TEXT_LENGTH, type NewAction } from '../../../shared/schema/actions.ts';
import type { Members } from '../lists/useMembers.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { OwnerChoices } from './OwnerChoices.tsx';

interface NewActionFormProps {
  members: Members;
  onCreate(input: NewAction): boolean;
  /** Inside a page section (a decision's actions) the form's heading is one level lower. */
  nested?: boolean;
}

/** "Nieuwe actie": what, who (one or more), by when. */
export function NewActionForm({ members, onCreate, nested = false }: NewActionFormProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState('');
  const [owners, setOwners] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const whatId = useId();
  const dueId = useId();
  const Heading = nested ? 'h3' : 'h2';
  if (!open) {
    return (
      <button type="button" className="button button--primary" onClick={() => setOpen(true)}>
        {t('decide.actions.new')}
      </button>
    );
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!what.trim()) return;
    const created = onCreate({
      id: newId(),
      what,
      owners,
      ...(/^\d{4}-\d{2}-\d{2}$/.test(due) && { due }),
      createdBy: workspace.me.id,
      at: new Date().toISOString(),
    });
    if (created) {
      setWhat('');
      setOwners([]);
      setDue('');
      setOpen(false);
    }
  };
  return (
    <form className="form panel new-item-form" onSubmit={submit} aria-labelledby={`${whatId}-heading`}>
      <Heading id={`${whatId}-heading`}>{t('decide.actions.new')}</Heading>
      <div className="field">
        <label className="field__label" htmlFor={whatId}>
          {t('decide.actions.whatLabel')}
        </label>
        <input id={whatId} className="field__input" value={what} required autoFocus maxLength={MAX_ACTION_TEXT_LENGTH} onChange={(event) => setWhat(event.target.value)} />
      </div>
      <OwnerChoices
        members={members}
        selected={owners}
        onToggle={(memberId, on) => setOwners((current) => (on ? [...new Set([...current, memberId])] : current.filter((id) => id !== memberId)))}
      />
      <div className="field">
        <label className="field__label" htmlFor={dueId}>
          {t('decide.actions.dueLabel')}
        </label>
        <input id={dueId} className="field__input field__input--date" type="date" value={due} onChange={(event) => setDue(event.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!what.trim()}>
          {t('decide.actions.create')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('rename.cancel')}
        </button>
      </div>
    </form>
  );
}
