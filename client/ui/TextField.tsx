import { useId } from 'react';

interface TextFieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
}

/** A labelled text input with an optional hint, tied together for screen readers. */
export function TextField({ label, hint, value, onChange, autoComplete = 'off', maxLength, required = true }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        className="field__input"
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        maxLength={maxLength}
        required={required}
        aria-describedby={hint ? hintId : undefined}
      />
    </div>
  );
}
