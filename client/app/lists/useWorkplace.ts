import type { WorkplaceEntry } from '../../../shared/schema/workspaceIndex.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

/** The workplace with this id from the live index, if it exists. */
export function useWorkplace(workplaceId: string): WorkplaceEntry | undefined {
  const { index } = useWorkspaceContext();
  return index.workplaces.find((workplace) => workplace.id === workplaceId);
}

/** Titles of meeting notes by doc id, for exports and "from the meeting" links. */
export function useMeetingTitles(): Record<string, string> {
  const { index } = useWorkspaceContext();
  return Object.fromEntries(index.documents.filter((doc) => doc.kind === 'meeting').map((doc) => [doc.id, doc.title]));
}
