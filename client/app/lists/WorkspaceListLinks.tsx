import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths, useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

/** In the overview's navigation: all decisions, and your own actions. */
export function WorkspaceListLinks() {
  const { t } = useTranslation();
  const { workspaceId } = useWorkspaceContext();
  return (
    <>
      <Link href={paths.allDecisions(workspaceId)} className="button button--secondary">
        {t('decide.nav.allDecisions')}
      </Link>
      <Link href={paths.myActions(workspaceId)} className="button button--secondary">
        {t('decide.nav.myActions')}
      </Link>
    </>
  );
}
