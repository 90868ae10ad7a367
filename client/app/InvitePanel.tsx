import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateInviteResponse, InviteView } from '../../shared/api.ts';
import type { Access } from '../../shared/members.ts';
import { api } from '../http/api.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { ChoiceGroup } from '../ui/ChoiceGroup.tsx';
import { CopyLink } from '../ui/CopyLink.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Notice } from '../ui/Notice.tsx';
import { accessChoices } from './choices.ts';
import { errorText } from './errorText.ts';

interface InvitePanelProps {
  workspaceId: string;
  invites: readonly InviteView[];
  /** Re-reads the workspace so the list of open invites is current. */
  onChanged(): void;
}

/**
 * "Uitnodigen": make an edit or view link, copy it, revoke open ones. The server
 * keeps only a hash of each code, so a link can be shown just once, right after
 * it is made; older invites can only be revoked.
 */
export function InvitePanel({ workspaceId, invites, onChanged }: InvitePanelProps) {
  const { t } = useTranslation();
  const [access, setAccess] = useState<Access>('edit');
  const [created, setCreated] = useState<CreateInviteResponse | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    setRevoked(false);
    try {
      setCreated(await api.createInvite(workspaceId, { access }));
      onChanged();
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (inviteId: string): Promise<void> => {
    setProblem(null);
    try {
      await api.revokeInvite(workspaceId, inviteId);
      if (created?.id === inviteId) setCreated(null);
      setRevoked(true);
      onChanged();
    } catch (error) {
      setProblem(errorText(error, t));
    }
  };

  const dateFormat = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  const describe = (invite: InviteView): { access: string; date: string } => ({
    access: t(`access.${invite.access}`),
    date: dateFormat.format(new Date(invite.createdAt)),
  });

  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <p>{t('invite.intro')}</p>
      <div className="form">
        <ChoiceGroup<Access> legend={t('invite.accessLegend')} choices={accessChoices(t)} value={access} onChange={setAccess} />
        <button type="button" className="button button--primary" onClick={() => void create()} disabled={busy}>
          {busy ? t('invite.creating') : t('invite.create')}
        </button>
      </div>
      {created && (
        <CopyLink
          label={`${t('invite.link')} (${t(`access.${created.access}`)})`}
          url={created.url}
          copyLabel={t('invite.copy')}
          copiedLabel={t('invite.copied')}
          failedText={t('invite.copyFailed')}
        />
      )}
      {revoked && <Notice tone="success">{t('invite.revoked')}</Notice>}
      <ErrorMessage text={problem} />
      <h3>{t('invite.open')}</h3>
      {invites.length === 0 ? (
        <p className="muted">{t('invite.none')}</p>
      ) : (
        <ul className="invite-list">
          {invites.map((invite) => (
            <li key={invite.id} className="invite-list__item">
              <span>{t('invite.madeOn', describe(invite))}</span>
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('invite.revokeLabel', describe(invite))}
                onClick={() => void revoke(invite.id)}
              >
                {t('invite.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
