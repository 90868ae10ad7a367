import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { memberColor } from '../../collab/memberColor.ts';
import { workspaceDataApi } from '../../http/workspaceDataApi.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { errorText } from '../errorText.ts';
import { InvitePanel } from '../InvitePanel.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { WorkspaceDataPanel } from './WorkspaceDataPanel.tsx';
import { paths, useWorkspaceContext } from './WorkspaceContext.ts';

/**
 * `/w/:workspaceId/leden`: everyone in the workspace with their self-chosen
 * role and access, and invites. Every member with edit access may remove
 * another (never themselves, so someone with edit access always remains).
 */
export function MembersPage() {
  const { t } = useTranslation();
  const { workspaceId, workspace, reload, canEdit, online } = useWorkspaceContext();
  usePageTitle(t('members.title'));
  const [removed, setRemoved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onlineIds = new Set(online.map((person) => person.member.id));

  const remove = async (memberId: string, name: string): Promise<void> => {
    setProblem(null);
    setRemoved(null);
    try {
      // Removal anonymises: the server renames the record and "changed by" in the index to "oud-lid".
      await workspaceDataApi.anonymiseMember(workspaceId, memberId);
      setRemoved(name);
      reload();
    } catch (error) {
      setProblem(errorText(error, t));
    }
  };

  return (
    <>
      <p className="breadcrumb">
        <Link href={paths.overview(workspaceId)}>← {t('doc.back', { name: workspace.name })}</Link>
      </p>
      <h1>{t('members.title')}</h1>
      <div className="columns">
        <section className="panel" aria-labelledby="members-title">
          <h2 id="members-title">{t('workspace.members')}</h2>
          <p className="muted">{t('members.equalRights')}</p>
          {removed && <Notice tone="success">{t('members.removed', { name: removed })}</Notice>}
          <ErrorMessage text={problem} />
          <ul className="member-list">
            {workspace.members.map((member) => (
              <li key={member.id} className="member-list__item member-list__item--wide">
                <span className="presence__dot" style={{ backgroundColor: memberColor(member.id) }} aria-hidden="true" />
                <span className="member-list__text">
                  <span className="member-list__name">
                    {member.name}
                    {member.id === workspace.me.id && <span className="muted"> ({t('workspace.you')})</span>}
                  </span>
                  <span className="member-list__meta">
                    {t('workspace.memberLine', { role: t(`roles.${member.role}`), access: t(`access.${member.access}`) })}
                    {onlineIds.has(member.id) ? ` · ${t('members.online')}` : ''}
                  </span>
                </span>
                {canEdit && member.id !== workspace.me.id && (
                  <ConfirmButton
                    label={t('members.remove')}
                    ariaLabel={t('members.removeLabel', { name: member.name })}
                    question={t('members.removeQuestion', { name: member.name })}
                    confirmLabel={t('members.removeConfirm')}
                    cancelLabel={t('archive.keep')}
                    onConfirm={() => void remove(member.id, member.name)}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
        {canEdit && <InvitePanel workspaceId={workspaceId} invites={workspace.invites} onChanged={reload} />}
      </div>
      <WorkspaceDataPanel />
    </>
  );
}
