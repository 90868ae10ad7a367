import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { MembershipsResponse } from '../../shared/api.ts';
import { MAX_NAME_LENGTH } from '../../shared/members.ts';
import { api } from '../http/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { TextField } from '../ui/TextField.tsx';
import { errorText } from './errorText.ts';
import { ImportWorkspace } from './ImportWorkspace.tsx';
import { MemberFields } from './MemberFields.tsx';
import { useEnterWorkspaceForm } from './useEnterWorkspaceForm.ts';
import { usePageTitle } from './usePageTitle.ts';

type Memberships = MembershipsResponse['memberships'];

/** `/`: go on to a workspace this browser belongs to, or create a new one. */
export function StartPage() {
  const { t } = useTranslation();
  usePageTitle(null);
  const [memberships, setMemberships] = useState<Memberships | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api.me().then(
      (answer) => current && setMemberships(answer.memberships),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, []);
  const firstRun = memberships !== null && memberships.length === 0;
  return (
    <div className="narrow">
      <section className="intro" aria-labelledby="start-title">
        <h1 id="start-title">{t('start.title')}</h1>
        <p className="lead">{t('start.intro')}</p>
      </section>
      <MyWorkspaces memberships={memberships} error={error} />
      {firstRun && <ExampleWorkspace />}
      <CreateWorkspace />
      {!firstRun && memberships !== null && <ExampleWorkspace />}
      <ImportWorkspace />
    </div>
  );
}

/** The first-run choice: a copy of the Westenwind example to look around in (and to try things). */
function ExampleWorkspace() {
  const { t } = useTranslation();
  const form = useEnterWorkspaceForm((member) => api.createExampleWorkspace({ member }));

  return (
    <section className="panel panel--example" aria-labelledby="example-title">
      <h2 id="example-title">{t('start.exampleTitle')}</h2>
      <p>{t('start.exampleIntro')}</p>
      <form className="form" onSubmit={form.submit} noValidate>
        <MemberFields name={form.name} role={form.role} onName={form.setName} onRole={form.setRole} />
        <ErrorMessage text={form.problem} />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('start.exampleLoading') : t('start.exampleLoad')}
        </button>
      </form>
    </section>
  );
}

function MyWorkspaces({ memberships, error }: { memberships: Memberships | null; error: unknown }) {
  const { t } = useTranslation();

  return (
    <section className="panel" aria-labelledby="mine-title">
      <h2 id="mine-title">{t('start.yourWorkspaces')}</h2>
      {error ? (
        <ErrorMessage text={errorText(error, t)} />
      ) : memberships === null ? (
        <Loading text={t('app.loading')} />
      ) : memberships.length === 0 ? (
        <>
          <p>{t('start.noWorkspaces')}</p>
          <p className="muted">{t('start.joinHint')}</p>
        </>
      ) : (
        <ul className="card-list">
          {memberships.map(({ workspaceId, workspaceName, member }) => (
            <li key={workspaceId}>
              <Link href={`/w/${encodeURIComponent(workspaceId)}`} className="card-link">
                <span className="card-link__title">{workspaceName}</span>
                <span className="card-link__meta">
                  {t('start.youAre', { name: member.name, role: t(`roles.${member.role}`) })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateWorkspace() {
  const { t } = useTranslation();
  const [workspaceName, setWorkspaceName] = useState('');
  const form = useEnterWorkspaceForm(
    (member) => api.createWorkspace({ name: workspaceName.trim(), member }),
    () => (workspaceName.trim() ? null : t('validation.workspaceNameRequired')),
  );

  return (
    <section className="panel" aria-labelledby="create-title">
      <h2 id="create-title">{t('start.createTitle')}</h2>
      <p>{t('start.createIntro')}</p>
      <form className="form" onSubmit={form.submit} noValidate>
        <TextField
          label={t('start.workspaceName')}
          hint={t('start.workspaceNameHint')}
          value={workspaceName}
          onChange={setWorkspaceName}
          maxLength={MAX_NAME_LENGTH}
        />
        <MemberFields name={form.name} role={form.role} onName={form.setName} onRole={form.setRole} />
        <ErrorMessage text={form.problem} />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('start.creating') : t('start.create')}
        </button>
      </form>
    </section>
  );
}
