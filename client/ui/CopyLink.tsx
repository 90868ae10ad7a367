import { useId, useRef, useState } from 'react';

interface CopyLinkProps {
  label: string;
  url: string;
  copyLabel: string;
  copiedLabel: string;
  failedText: string;
}

/** A link in a read-only field with a copy button; falls back to selecting it. */
export function CopyLink({ label, url, copyLabel, copiedLabel, failedText }: CopyLinkProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async (): Promise<void> => {
    try {
      // The Clipboard API exists only on https or localhost.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      input.current?.select();
      setState(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  };

  return (
    <div className="copy-link">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-link__row">
        <input
          id={id}
          ref={input}
          className="field__input copy-link__input"
          type="text"
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {state === 'copied' ? copiedLabel : copyLabel}
        </button>
      </div>
      <p className="copy-link__status" role="status">
        {state === 'failed' ? failedText : ''}
      </p>
    </div>
  );
}
