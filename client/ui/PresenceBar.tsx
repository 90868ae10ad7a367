export interface PresencePerson {
  key: string;
  name: string;
  roleLabel: string;
  color: string;
  isYou: boolean;
  /** Where they are, e.g. "ook hier" or "elders". */
  where?: string;
}

interface PresenceBarProps {
  label: string;
  people: readonly PresencePerson[];
  /** Shown when nobody else is here. */
  aloneText: string;
}

/** Who is in the workspace now: a colour (the same as their caret), name, role, and where. */
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
            {person.where && <span className="presence__where">{person.where}</span>}
          </li>
        ))}
      </ul>
      {others === 0 && <p className="presence__alone">{aloneText}</p>}
    </section>
  );
}
