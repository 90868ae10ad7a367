import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
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

/**
 * A value read from a Y.Doc, read again after every change to it. `read` must
 * be a stable function (a module-level reader such as readDecisions).
 */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, empty: T): T {
  const [value, setValue] = useState<{ doc: Y.Doc | null; value: T }>({ doc: null, value: empty });
  useEffect(() => {
    if (!doc) {
      setValue({ doc: null, value: empty });
      return undefined;
    }
    const update = (): void => setValue({ doc, value: read(doc) });
    update();
    doc.on('afterTransaction', update);
    return () => doc.off('afterTransaction', update);
    // `empty` is only the value before the first read; a new literal per render must not re-subscribe.
  }, [doc, read]);
  return value.doc === doc ? value.value : empty;
}
