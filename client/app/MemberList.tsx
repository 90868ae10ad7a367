import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../shared/api.ts';
import { memberColor } from '../collab/memberColor.ts';

/** Everyone in the workspace: name, self-chosen role and access. */
export function MemberList({ members, myId }: { members: readonly MemberView[]; myId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="member-list">
      {members.map((member) => (
        <li key={member.id} className="member-list__item">
          <span className="presence__dot" style={{ backgroundColor: memberColor(member.id) }} aria-hidden="true" />
          <span>
            <span className="member-list__name">
              {member.name}
              {member.id === myId && <span className="muted"> ({t('workspace.you')})</span>}
            </span>
            <span className="member-list__meta">
              {t('workspace.memberLine', { role: t(`roles.${member.role}`), access: t(`access.${member.access}`) })}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
