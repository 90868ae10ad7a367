import { useTranslation } from 'react-i18next';
import { CSV_MIME_TYPE } from '../../../shared/export/csv.ts';
import { downloadText, fileNameFor } from '../../ui/downloadText.ts';

interface ExportButtonsProps {
  /** Words for the file name, e.g. ["besluitenlijst", "Weisterbeek", "2026-11-25"]. */
  nameParts: readonly string[];
  /** Made only when a button is pressed. */
  csv(): string;
  markdown(): string;
  disabled?: boolean;
}

/** Download the list as CSV (opens in Excel) or Markdown (plain text with headings). */
export function ExportButtons({ nameParts, csv, markdown, disabled = false }: ExportButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="export-buttons" role="group" aria-label={t('decide.export.label')}>
      <button
        type="button"
        className="button button--secondary"
        disabled={disabled}
        onClick={() => downloadText(fileNameFor(nameParts, 'csv'), csv(), CSV_MIME_TYPE)}
      >
        {t('decide.export.csv')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={disabled}
        onClick={() => downloadText(fileNameFor(nameParts, 'md'), markdown(), 'text/markdown;charset=utf-8')}
      >
        {t('decide.export.markdown')}
      </button>
    </div>
  );
}
