import { useTranslation } from 'react-i18next';
import type { DocumentEntry } from '../../../shared/schema/workspaceIndex.ts';
import type { OnlineMember } from '../../collab/useOnlineMembers.ts';

/** "Wie is er online?": name, role and the document each person has open. */
export function OnlineList({ online, documents }: { online: readonly OnlineMember[]; documents: readonly DocumentEntry[] }) {
  const { t } = useTranslation();
  if (online.length === 0) return <p className="muted">{t('overview.nobodyOnline')}</p>;
  const titles = new Map(documents.map((doc) => [doc.id, doc.title || t('doc.untitled')]));
  return (
    <ul className="member-list">
      {online.map(({ member, color, viewing }) => {
        const where = viewing ? titles.get(viewing) : undefined;
        return (
          <li key={member.id} className="member-list__item">
            <span className="presence__dot" style={{ backgroundColor: color }} aria-hidden="true" />
            <span>
              <span className="member-list__name">{member.name}</span>
              <span className="member-list__meta">
                {t(`roles.${member.role}`)}
                {where ? ` · ${t('overview.isIn', { title: where })}` : ''}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
