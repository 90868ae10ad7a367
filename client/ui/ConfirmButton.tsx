import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The first button, e.g. "Verwijderen". */
  label: string;
  /** Its accessible name when the visible label alone is not enough ("Verwijder Anna"). */
  ariaLabel?: string;
  /** The question asked before anything happens. */
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  danger?: boolean;
}

/**
 * A button that asks first: nothing is deleted or removed by one click. The
 * question appears in place, with focus on "no", so a second tap by accident
 * cancels instead of confirming.
 */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, cancelLabel, onConfirm, danger = true }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="button button--secondary" aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p className="confirm__question">{question}</p>
      <div className="button-row">
        <button type="button" ref={cancel} className="button button--secondary" onClick={() => setAsking(false)}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
