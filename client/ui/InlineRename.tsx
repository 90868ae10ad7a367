import { useId, useState, type FormEvent } from 'react';

interface InlineRenameProps {
  /** Visible on the button that opens the field, e.g. "Naam wijzigen". */
  openLabel: string;
  fieldLabel: string;
  saveLabel: string;
  cancelLabel: string;
  value: string;
  maxLength: number;
  onSave(value: string): void;
}

/** "Naam wijzigen": a button that turns into a labelled field with save and cancel. */
export function InlineRename({ openLabel, fieldLabel, saveLabel, cancelLabel, value, maxLength, onSave }: InlineRenameProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);

  if (!editing) {
    return (
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          setDraft(value);
          setEditing(true);
        }}
      >
        {openLabel}
      </button>
    );
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = draft.trim();
    if (trimmed) onSave(trimmed);
    setEditing(false);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field__label" htmlFor={id}>
        {fieldLabel}
      </label>
      <input
        id={id}
        className="field__input"
        value={draft}
        maxLength={maxLength}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {saveLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
