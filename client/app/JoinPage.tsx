import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitePreview } from '../../shared/api.ts';
import { api, ApiError } from '../http/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { MessagePage } from '../ui/MessagePage.tsx';
import { errorText } from './errorText.ts';
import { MemberFields } from './MemberFields.tsx';
import { useEnterWorkspaceForm } from './useEnterWorkspaceForm.ts';
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
  const form = useEnterWorkspaceForm((member) => api.acceptInvite(code, member));

  return (
    <section className="panel narrow" aria-labelledby="join-title">
      <h1 id="join-title">{t('join.title')}</h1>
      <p className="lead">
        {t('join.invitedTo', { name: invite.workspaceName })}{' '}
        {invite.access === 'edit' ? t('join.accessEdit') : t('join.accessView')}
      </p>
      <form className="form" onSubmit={form.submit} noValidate>
        <MemberFields name={form.name} role={form.role} onName={form.setName} onRole={form.setRole} />
        <ErrorMessage text={form.problem} />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('join.accepting') : t('join.accept')}
        </button>
      </form>
    </section>
  );
}
