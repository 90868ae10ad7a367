import { parseDocId, type DocId } from '../../../shared/rooms.ts';
import { listDocId, type ListKind } from '../../../shared/schema/listDocuments.ts';
import type { CollabRoom } from '../../collab/openRoom.ts';
import { useCollabRoom } from '../../collab/useCollabRoom.ts';
import { useRoomReady } from '../../collab/useRoomReady.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';

/** The room of a workplace's decision list or action list (its doc id is derived from the workplace id). */
export function listRoomId(kind: ListKind, workplaceId: string | null): DocId | null {
  const id = workplaceId ? listDocId(kind, workplaceId) : null;
  return id ? parseDocId(id) : null;
}

export interface ListRoom {
  room: CollabRoom | null;
  ready: boolean;
}

/** Opens one workplace's list while mounted (pass null to open nothing). */
export function useListRoom(kind: ListKind, workplaceId: string | null): ListRoom {
  const { workspaceId, workspace } = useWorkspaceContext();
  const room = useCollabRoom(workspaceId, listRoomId(kind, workplaceId), workspace.me.id);
  const ready = useRoomReady(room);
  return { room, ready };
}
