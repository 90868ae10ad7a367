import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

/** On a workplace's page: the way to its decision list and action list. */
export function WorkplaceListLinks({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const { workspaceId } = useWorkspaceContext();
  return (
    <nav className="panel list-links" aria-labelledby="list-links-title">
      <h2 id="list-links-title">{t('decide.nav.section')}</h2>
      <ul className="card-list card-list--two">
        <li>
          <Link href={paths.decisions(workspaceId, workplaceId)} className="card-link">
            <span className="card-link__title">{t('decide.nav.decisions')}</span>
            <span className="card-link__meta">{t('decide.nav.decisionsHint')}</span>
          </Link>
        </li>
        <li>
          <Link href={paths.actions(workspaceId, workplaceId)} className="card-link">
            <span className="card-link__title">{t('decide.nav.actions')}</span>
            <span className="card-link__meta">{t('decide.nav.actionsHint')}</span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}
