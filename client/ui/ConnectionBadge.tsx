interface ConnectionBadgeProps {
  /** A short state name for styling and tests, e.g. `connected`. */
  state: string;
  /** "Verbinding" */
  label: string;
  /** The state in words, e.g. "verbonden". */
  text: string;
}

/** The connection state in words and colour; changes are announced politely. */
export function ConnectionBadge({ state, label, text }: ConnectionBadgeProps) {
  return (
    <p className={`connection connection--${state}`} role="status" data-state={state}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="visually-hidden">{label}: </span>
      <span className="connection__text">{text}</span>
    </p>
  );
}
