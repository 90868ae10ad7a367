export interface PresencePerson {
  key: string;
  name: string;
  roleLabel: string;
  color: string;
  isYou: boolean;
}

interface PresenceBarProps {
  label: string;
  people: readonly PresencePerson[];
  /** Shown when nobody else is here. */
  aloneText: string;
}

/** Who is in the document now: a colour (the same as their caret), name and role. */
export function PresenceBar({ label, people, aloneText }: PresenceBarProps) {
  const others = people.filter((person) => !person.isYou).length;
  return (
    <section className="presence" aria-label={label}>
      <ul className="presence__list">
        {people.map((person) => (
          <li key={person.key} className="presence__person" data-you={person.isYou || undefined}>
            <span className="presence__dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <span className="presence__name">{person.name}</span>
            <span className="presence__role">{person.roleLabel}</span>
          </li>
        ))}
      </ul>
      {others === 0 && <p className="presence__alone">{aloneText}</p>}
    </section>
  );
}
