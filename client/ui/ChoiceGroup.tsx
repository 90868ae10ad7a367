import { useId } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  description?: string;
}

interface ChoiceGroupProps<T extends string> {
  legend: string;
  hint?: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange(value: T): void;
}

/** Radio buttons as large, fully clickable cards: easier on a phone than a dropdown. */
export function ChoiceGroup<T extends string>({ legend, hint, choices, value, onChange }: ChoiceGroupProps<T>) {
  const name = useId();
  const hintId = `${name}-hint`;
  return (
    <fieldset className="choices" aria-describedby={hint ? hintId : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="choices__options">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
              required
            />
            <span className="choice__text">
              <span className="choice__label">{choice.label}</span>
              {choice.description && <span className="choice__description">{choice.description}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
