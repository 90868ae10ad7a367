import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../shared/api.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

export interface Members {
  /** Every current member (from the API), fresh enough to ask everyone's consent. */
  all: readonly MemberView[];
  /** A member's name; "iemand die niet meer meedoet" for a removed member. */
  nameOf(memberId: string): string;
}

/**
 * The workspace's members for the decision and action lists. Consent asks
 * every member with edit access, so the list must include people who joined
 * after this page loaded: it is fetched again when such a page opens and when
 * someone unknown shows up online (pass `refresh` false to only read it).
 */
export function useMembers(refresh = true): Members {
  const { t } = useTranslation();
  const { workspace, reload, online } = useWorkspaceContext();
  const known = new Set(workspace.members.map((member) => member.id));
  const stranger = online.find((person) => !known.has(person.member.id))?.member.id ?? null;

  useEffect(() => {
    if (refresh) reload();
  }, [refresh, reload]);
  useEffect(() => {
    if (refresh && stranger) reload();
  }, [refresh, stranger, reload]);

  return useMemo(() => {
    const names = new Map(workspace.members.map((member) => [member.id, member.name]));
    return { all: workspace.members, nameOf: (memberId: string) => names.get(memberId) ?? t('decide.formerMember') };
  }, [workspace.members, t]);
}
