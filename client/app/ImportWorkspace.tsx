import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { workspaceDataApi } from '../http/workspaceDataApi.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { MemberFields } from './MemberFields.tsx';
import { useEnterWorkspaceForm } from './useEnterWorkspaceForm.ts';

/**
 * On the start page: read a workspace export (a zip from "Exporteer alles")
 * into a new workspace, e.g. after moving to another server, where nobody is
 * a member of anything yet. The importer says who they are, as when creating.
 */
export function ImportWorkspace() {
  const { t } = useTranslation();
  const file = useRef<HTMLInputElement>(null);
  const form = useEnterWorkspaceForm(
    (member) => workspaceDataApi.importWorkspace(file.current!.files![0]!, member),
    () => (file.current?.files?.[0] ? null : t('workspaceData.importChooseFirst')),
  );

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('workspaceData.startTitle')}</h2>
      <p>{t('workspaceData.startIntro')}</p>
      <form className="form" onSubmit={form.submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="start-import-file">
            {t('workspaceData.importFile')}
          </label>
          <input
            id="start-import-file"
            ref={file}
            className="field__input workspace-data__file"
            type="file"
            accept=".zip,application/zip"
          />
        </div>
        <MemberFields name={form.name} role={form.role} onName={form.setName} onRole={form.setRole} />
        <ErrorMessage text={form.problem} />
        <button type="submit" className="button button--secondary" disabled={form.busy}>
          {form.busy ? t('workspaceData.importing') : t('workspaceData.import')}
        </button>
      </form>
    </section>
  );
}
