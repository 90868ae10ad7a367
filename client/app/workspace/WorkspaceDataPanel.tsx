import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { forgetLocalCopies } from '../../collab/forgetLocalCopies.ts';
import { workspaceDataApi, workspaceDataPaths } from '../../http/workspaceDataApi.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { errorText } from '../errorText.ts';
import { paths, useWorkspaceContext } from './WorkspaceContext.ts';

/**
 * On the members page: my own data (download, leave) for every member, and
 * for members with edit access the whole workspace (export as zip, import an
 * export, delete for good after being offered the export first).
 */
export function WorkspaceDataPanel() {
  const { t } = useTranslation();
  const { workspaceId, canEdit } = useWorkspaceContext();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<string | null>(null);

  const leave = async (): Promise<void> => {
    setProblem(null);
    try {
      await workspaceDataApi.leave(workspaceId);
      await forgetLocalCopies(workspaceId);
      navigate('/');
    } catch (error) {
      setProblem(errorText(error, t));
    }
  };

  return (
    <section className="panel workspace-data" aria-labelledby="workspace-data-title">
      <h2 id="workspace-data-title">{t('workspaceData.title')}</h2>
      <ErrorMessage text={problem} />

      <h3>{t('workspaceData.mineTitle')}</h3>
      <p className="muted">{t('workspaceData.mineIntro')}</p>
      <div className="button-row workspace-data__actions">
        <a className="button button--secondary" href={workspaceDataPaths.myData(workspaceId)} download>
          {t('workspaceData.downloadMine')}
        </a>
        <ConfirmButton
          label={t('workspaceData.leave')}
          question={t('workspaceData.leaveQuestion')}
          confirmLabel={t('workspaceData.leaveConfirm')}
          cancelLabel={t('workspaceData.cancel')}
          onConfirm={() => void leave()}
        />
      </div>

      {canEdit && (
        <>
          <h3>{t('workspaceData.allTitle')}</h3>
          <p className="muted">{t('workspaceData.allIntro')}</p>
          <div className="button-row workspace-data__actions">
            <a className="button button--secondary" href={workspaceDataPaths.export(workspaceId)} download>
              {t('workspaceData.exportAll')}
            </a>
          </div>
          <ImportForm onProblem={setProblem} />
          <DeleteWorkspace onProblem={setProblem} />
        </>
      )}
    </section>
  );
}

function ImportForm({ onProblem }: { onProblem(text: string | null): void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    onProblem(null);
    if (!file) {
      onProblem(t('workspaceData.importChooseFirst'));
      return;
    }
    setBusy(true);
    try {
      // The importer comes along as themselves: same name and role as here.
      const created = await workspaceDataApi.importWorkspace(file, { name: workspace.me.name, role: workspace.me.role });
      navigate(paths.overview(created.workspaceId));
    } catch (error) {
      onProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form workspace-data__import" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label className="field__label" htmlFor="import-file">
          {t('workspaceData.importLabel')}
        </label>
        <p className="field__hint" id="import-file-hint">
          {t('workspaceData.importHint')}
        </p>
        <input
          id="import-file"
          ref={input}
          className="field__input workspace-data__file"
          type="file"
          accept=".zip,application/zip"
          aria-describedby="import-file-hint"
        />
      </div>
      <button type="submit" className="button button--secondary" disabled={busy}>
        {busy ? t('workspaceData.importing') : t('workspaceData.import')}
      </button>
    </form>
  );
}

function DeleteWorkspace({ onProblem }: { onProblem(text: string | null): void }) {
  const { t } = useTranslation();
  const { workspaceId, workspace } = useWorkspaceContext();
  const [, navigate] = useLocation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const exportLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (asking) exportLink.current?.focus();
  }, [asking]);

  const remove = async (): Promise<void> => {
    onProblem(null);
    setBusy(true);
    try {
      await workspaceDataApi.deleteWorkspace(workspaceId, workspace.name);
      await forgetLocalCopies(workspaceId);
      navigate('/');
    } catch (error) {
      onProblem(errorText(error, t));
      setBusy(false);
    }
  };

  return (
    <>
      <h3>{t('workspaceData.deleteTitle')}</h3>
      {!asking ? (
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          {t('workspaceData.delete')}
        </button>
      ) : (
        <div className="confirm" role="group" aria-labelledby="delete-question">
          <p className="confirm__question" id="delete-question">
            {t('workspaceData.deleteQuestion', { name: workspace.name })}
          </p>
          <p>{t('workspaceData.deleteExportFirst')}</p>
          <div className="button-row workspace-data__actions">
            <a ref={exportLink} className="button button--primary" href={workspaceDataPaths.export(workspaceId)} download>
              {t('workspaceData.exportFirst')}
            </a>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
              {t('workspaceData.deleteCancel')}
            </button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
              {t('workspaceData.deleteConfirm')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
