import { createContext, useContext } from 'react';
import type { WorkspaceView } from '../../../shared/api.ts';
import type { WorkspaceId } from '../../../shared/rooms.ts';
import type { CollabRoom } from '../../collab/openRoom.ts';
import type { OnlineMember } from '../../collab/useOnlineMembers.ts';
import type { WorkspaceIndex } from '../../collab/useWorkspaceIndex.ts';

/** What every page inside a workspace shares: the member's view, the live index and who is online. */
export interface WorkspaceContextValue {
  workspaceId: WorkspaceId;
  workspace: WorkspaceView;
  reload(): void;
  canEdit: boolean;
  indexRoom: CollabRoom | null;
  indexReady: boolean;
  index: WorkspaceIndex;
  /** The other members online now. */
  online: OnlineMember[];
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspaceContext(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspaceContext outside a workspace');
  return value;
}

const enc = encodeURIComponent;

/** Absolute links to the pages of a workspace (CONTRACT.md, "Web app routes"). */
export const paths = {
  overview: (workspaceId: string) => `/w/${enc(workspaceId)}`,
  workplace: (workspaceId: string, workplaceId: string) => `/w/${enc(workspaceId)}/p/${enc(workplaceId)}`,
  document: (workspaceId: string, docId: string) => `/w/${enc(workspaceId)}/d/${enc(docId)}`,
  members: (workspaceId: string) => `/w/${enc(workspaceId)}/leden`,
  decisions: (workspaceId: string, workplaceId: string) => `/w/${enc(workspaceId)}/p/${enc(workplaceId)}/besluiten`,
  decision: (workspaceId: string, workplaceId: string, decisionId: string) =>
    `/w/${enc(workspaceId)}/p/${enc(workplaceId)}/besluiten/${enc(decisionId)}`,
  actions: (workspaceId: string, workplaceId: string) => `/w/${enc(workspaceId)}/p/${enc(workplaceId)}/acties`,
  allDecisions: (workspaceId: string) => `/w/${enc(workspaceId)}/besluiten`,
  myActions: (workspaceId: string) => `/w/${enc(workspaceId)}/mijn-acties`,
};
