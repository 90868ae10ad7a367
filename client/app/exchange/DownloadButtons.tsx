import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errorText.ts';
import { downloadExport } from './downloadExport.ts';

export interface DownloadChoice {
  key: string;
  label: string;
  /** The accessible name when the visible label alone is not enough ("Plan X downloaden als …"). */
  ariaLabel?: string;
  path: string;
  fallbackName: string;
}

/**
 * A row of download buttons with one shared status line: "bezig…", the file
 * that was downloaded, or the server's message (announced to screen readers).
 */
export function DownloadButtons({ choices, extra }: { choices: readonly DownloadChoice[]; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function download(choice: DownloadChoice) {
    setBusy(choice.key);
    setError(null);
    setStatus(t('exchange.preparing'));
    try {
      const name = await downloadExport(choice.path, choice.fallbackName);
      setStatus(t('exchange.downloaded', { file: name }));
    } catch (caught) {
      setStatus('');
      setError(errorText(caught, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div className="button-row exchange__buttons">
        {choices.map((choice) => (
          <button
            key={choice.key}
            type="button"
            className="button button--secondary"
            aria-label={choice.ariaLabel}
            aria-busy={busy === choice.key}
            disabled={busy !== null}
            onClick={() => void download(choice)}
          >
            {choice.label}
          </button>
        ))}
        {extra}
      </div>
      <p className="exchange__status muted" role="status">
        {status}
      </p>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
