import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { InvitePreview } from '../../shared/api.ts';
import type { Role } from '../../shared/members.ts';
import { api, ApiError } from '../http/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { MessagePage } from '../ui/MessagePage.tsx';
import { errorText } from './errorText.ts';
import { MemberFields, memberFormProblem } from './MemberFields.tsx';
import { usePageTitle } from './usePageTitle.ts';

type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; invite: InvitePreview }
  | { status: 'notFound' }
  | { status: 'error'; error: unknown };

/** `/join/:code`: says who invites you and for what, then asks your name and role. */
export function JoinPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<PreviewState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    api.invite(code).then(
      (invite) => current && setPreview({ status: 'ready', invite }),
      (error: unknown) => {
        if (!current) return;
        setPreview(error instanceof ApiError && error.status === 404 ? { status: 'notFound' } : { status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [code]);

  usePageTitle(preview.status === 'notFound' ? t('join.notFoundTitle') : t('join.title'));

  switch (preview.status) {
    case 'loading':
      return <Loading text={t('app.loading')} />;
    case 'notFound':
      return <MessagePage title={t('join.notFoundTitle')} body={t('join.notFound')} linkLabel={t('app.home')} />;
    case 'error':
      return <ErrorMessage text={errorText(preview.error, t)} />;
    case 'ready':
      return <JoinForm code={code} invite={preview.invite} />;
  }
}

function JoinForm({ code, invite }: { code: string; invite: InvitePreview }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const invalid = memberFormProblem(name, role, t);
    if (invalid || !role) {
      setProblem(invalid);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const joined = await api.acceptInvite(code, { name: name.trim(), role });
      navigate(`/w/${encodeURIComponent(joined.workspaceId)}`);
    } catch (error) {
      setProblem(errorText(error, t));
      setBusy(false);
    }
  };

  return (
    <section className="panel narrow" aria-labelledby="join-title">
      <h1 id="join-title">{t('join.title')}</h1>
      <p className="lead">
        {t('join.invitedTo', { name: invite.workspaceName })}{' '}
        {invite.access === 'edit' ? t('join.accessEdit') : t('join.accessView')}
      </p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <MemberFields name={name} role={role} onName={setName} onRole={setRole} />
        <ErrorMessage text={problem} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('join.accepting') : t('join.accept')}
        </button>
      </form>
    </section>
  );
}
