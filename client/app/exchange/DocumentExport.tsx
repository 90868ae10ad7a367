import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { documentExportPath } from '../../../shared/exchange/exchangeApi.ts';
import { DownloadButtons } from './DownloadButtons.tsx';
import './print.css';

/** "Downloaden en afdrukken" under a plan or meeting notes: Word, PDF, Markdown, and the browser's print. */
export function DocumentExport({ workspaceId, docId, title }: { workspaceId: string; docId: string; title: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const formats = [
    { key: 'docx', label: t('exchange.word'), ariaLabel: t('exchange.wordLabel', { title }) },
    { key: 'pdf', label: t('exchange.pdf'), ariaLabel: t('exchange.pdfLabel', { title }) },
    { key: 'md', label: t('exchange.markdown'), ariaLabel: t('exchange.markdownLabel', { title }) },
  ] as const;
  return (
    <section className="panel exchange no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('exchange.downloadTitle')}</h2>
      <p className="muted">{t('exchange.downloadIntro')}</p>
      <DownloadButtons
        choices={formats.map((format) => ({
          ...format,
          path: documentExportPath(workspaceId, docId, format.key),
          fallbackName: `${title}.${format.key}`,
        }))}
        extra={
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('exchange.print')}
          </button>
        }
      />
    </section>
  );
}
