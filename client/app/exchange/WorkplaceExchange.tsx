import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { reportExportPath } from '../../../shared/exchange/exchangeApi.ts';
import { SKIPPED_KINDS, type SkippedContent } from '../../../shared/exchange/skippedContent.ts';
import { MAX_TITLE_LENGTH } from '../../../shared/members.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { errorText } from '../errorText.ts';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { createImportedPlan } from './createImportedPlan.ts';
import { DownloadButtons } from './DownloadButtons.tsx';
import { IMPORT_ACCEPT, titleFromFileName, UnreadableFileError } from './importFileName.ts';

/** On a workplace's page: the report for the municipality, and (for writers) importing a plan. */
export function WorkplaceExchange({ workplaceId, workplaceTitle }: { workplaceId: string; workplaceTitle: string }) {
  const { t } = useTranslation();
  const { workspaceId, canEdit } = useWorkspaceContext();
  const headingId = useId();
  return (
    <>
      <section className="panel exchange" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('exchange.reportTitle')}</h2>
        <p className="muted">{t('exchange.reportIntro')}</p>
        <DownloadButtons
          choices={[
            { key: 'docx', label: t('exchange.reportWord'), path: reportExportPath(workspaceId, workplaceId, 'docx'), fallbackName: `${workplaceTitle}.docx` },
            { key: 'pdf', label: t('exchange.reportPdf'), path: reportExportPath(workspaceId, workplaceId, 'pdf'), fallbackName: `${workplaceTitle}.pdf` },
          ]}
        />
      </section>
      {canEdit && <ImportPlanForm workplaceId={workplaceId} />}
    </>
  );
}

interface Imported {
  docId: string;
  title: string;
  skipped: SkippedContent;
}

function ImportPlanForm({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const { workspaceId, indexRoom } = useWorkspaceContext();
  const headingId = useId();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Imported | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem(t('exchange.noFile'));
      fileInput.current?.focus();
      return;
    }
    if (!indexRoom) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      // The converters (mammoth, the editor schema, the Markdown reader) load only when someone imports.
      const { importFile } = await import('./importFile.ts');
      const converted = await importFile(file);
      const name = title.trim() || converted.title;
      const created = await createImportedPlan(workspaceId, indexRoom.doc, workplaceId, name, converted.doc);
      setDone({ docId: created.docId, title: created.title, skipped: converted.skipped });
      setFile(null);
      setTitle('');
      if (fileInput.current) fileInput.current.value = '';
    } catch (caught) {
      setProblem(caught instanceof UnreadableFileError || caught instanceof RangeError ? t('exchange.unreadable') : errorText(caught, t));
    } finally {
      setBusy(false);
    }
  }

  const skippedLines = done ? SKIPPED_KINDS.filter((kind) => done.skipped[kind] > 0).map((kind) => t(`exchange.skipped.${kind}`, { count: done.skipped[kind] })) : [];
  return (
    <section className="panel exchange" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('exchange.importTitle')}</h2>
      <p className="muted">{t('exchange.importIntro')}</p>
      <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby={headingId}>
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('exchange.importFile')}
          </label>
          <p className="field__hint" id={`${fileId}-hint`}>
            {t('exchange.importFileHint')}
          </p>
          <input
            ref={fileInput}
            id={fileId}
            className="field__input exchange__file"
            type="file"
            accept={IMPORT_ACCEPT}
            aria-describedby={`${fileId}-hint`}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              setProblem(null);
              if (chosen && !title.trim()) setTitle(titleFromFileName(chosen.name));
            }}
          />
        </div>
        <TextField label={t('exchange.importName')} value={title} onChange={setTitle} maxLength={MAX_TITLE_LENGTH} required={false} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('exchange.importing') : t('exchange.importButton')}
        </button>
      </form>
      <ErrorMessage text={problem} />
      <div role="status" className="exchange__result">
        {done && (
          <div className={`message ${skippedLines.length > 0 ? 'message--warning' : 'message--success'}`}>
            <p>{t('exchange.imported', { title: done.title })}</p>
            {skippedLines.length > 0 ? (
              <>
                <ul>
                  {skippedLines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <p>{t('exchange.skippedHint')}</p>
              </>
            ) : (
              <p>{t('exchange.allImported')}</p>
            )}
            <p>
              <Link href={paths.document(workspaceId, done.docId)}>{t('exchange.openImported', { title: done.title })}</Link>
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
