interface LanguageSwitchProps<T extends string> {
  current: T;
  options: readonly { value: T; label: string; lang: string }[];
  onChange(value: T): void;
}

/**
 * One button per language that is not the current one, named in its own
 * language ("English", "Nederlands") so that everyone can find theirs.
 */
export function LanguageSwitch<T extends string>({ current, options, onChange }: LanguageSwitchProps<T>) {
  return (
    <div className="language-switch">
      {options
        .filter((option) => option.value !== current)
        .map((option) => (
          <button
            key={option.value}
            type="button"
            lang={option.lang}
            className="language-switch__button"
            onClick={() => onChange(option.value)}
          >
            {option.label}
          </button>
        ))}
    </div>
  );
}
