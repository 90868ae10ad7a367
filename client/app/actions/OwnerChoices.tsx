import { useTranslation } from 'react-i18next';
import type { Members } from '../lists/useMembers.ts';

interface OwnerChoicesProps {
  members: Members;
  selected: readonly string[];
  onToggle(memberId: string, on: boolean): void;
}

/**
 * "Wie doet het?": one checkbox per member (one or more people). Each tick is
 * its own change, so two people adding someone at the same moment both count.
 * People who no longer take part but are still named stay listed, to be untickable.
 */
export function OwnerChoices({ members, selected, onToggle }: OwnerChoicesProps) {
  const { t } = useTranslation();
  const people = [
    ...members.all.map((member) => ({ id: member.id, name: member.name })),
    ...selected.filter((id) => !members.all.some((member) => member.id === id)).map((id) => ({ id, name: members.nameOf(id) })),
  ];
  return (
    <fieldset className="choices owner-choices">
      <legend className="field__label">{t('decide.actions.whoLegend')}</legend>
      <div className="choices__options">
        {people.map((person) => (
          <label key={person.id} className="choice choice--check">
            <input type="checkbox" checked={selected.includes(person.id)} onChange={(event) => onToggle(person.id, event.target.checked)} />
            <span className="choice__label">{person.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
