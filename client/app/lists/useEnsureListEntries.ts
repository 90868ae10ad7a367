import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureListEntries } from '../../../shared/schema/listDocuments.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

/**
 * Lists the workplace's decision and action list in the workspace index (once;
 * it never overwrites an entry), so they show among its documents for
 * everyone. Only members who can edit write the index.
 */
export function useEnsureListEntries(workplaceId: string | null): void {
  const { t } = useTranslation();
  const { canEdit, indexRoom, indexReady, index } = useWorkspaceContext();
  const known = workplaceId !== null && index.workplaces.some((workplace) => workplace.id === workplaceId);
  useEffect(() => {
    if (!canEdit || !indexRoom || !indexReady || !known || !workplaceId) return;
    ensureListEntries(
      indexRoom.doc,
      workplaceId,
      { decisions: t('decide.decisions.title'), actions: t('decide.actions.title') },
      new Date().toISOString(),
    );
  }, [canEdit, indexRoom, indexReady, known, workplaceId, t]);
}
