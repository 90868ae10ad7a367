import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { DocId } from '../../../shared/rooms.ts';
import type { ListKind } from '../../../shared/schema/listDocuments.ts';
import { useCollabRooms } from '../../collab/useCollabRooms.ts';
import { useWorkspaceContext } from '../workspace/WorkspaceContext.ts';
import { listRoomId } from './useListRoom.ts';

export interface WorkplaceList<T> {
  workplaceId: string;
  /** The list's document, to change an item in place. */
  doc: Y.Doc;
  items: T[];
}

/**
 * One kind of list of every given workplace, read live: for the workspace-wide
 * decisions view and "mijn acties". `read` must be stable (e.g. readActions).
 * `ready` turns true once every list has arrived from the server or this
 * device, so an empty view is never shown while lists are still on their way.
 */
export function useWorkplaceLists<T>(
  kind: ListKind,
  workplaceIds: readonly string[],
  read: (doc: Y.Doc) => T[],
): { lists: WorkplaceList<T>[]; ready: boolean } {
  const { workspaceId, workspace } = useWorkspaceContext();
  const roomIds = useMemo(() => {
    const ids = new Map<DocId, string>();
    for (const workplaceId of workplaceIds) {
      const id = listRoomId(kind, workplaceId);
      if (id) ids.set(id, workplaceId);
    }
    return ids;
  }, [kind, workplaceIds.join('\n')]);
  const rooms = useCollabRooms(workspaceId, [...roomIds.keys()], workspace.me.id);
  const [state, setState] = useState<{ lists: WorkplaceList<T>[]; ready: boolean }>({ lists: [], ready: false });

  useEffect(() => {
    const entries = [...rooms.entries()];
    const arrived = new Set<DocId>();
    let active = true;
    const readAll = (): void => {
      if (!active) return;
      setState({
        lists: entries.map(([docId, room]) => ({ workplaceId: roomIds.get(docId) ?? '', doc: room.doc, items: read(room.doc) })),
        ready: entries.length === roomIds.size && entries.every(([docId]) => arrived.has(docId)),
      });
    };
    const cleanups = entries.map(([docId, room]) => {
      const markArrived = (): void => {
        if (arrived.has(docId)) return;
        arrived.add(docId);
        readAll();
      };
      const onSync = (synced: boolean): void => {
        if (synced) markArrived();
      };
      if (room.provider.synced) arrived.add(docId);
      room.provider.on('sync', onSync);
      void room.localCopy.then((hadCopy) => hadCopy && markArrived());
      room.doc.on('afterTransaction', readAll);
      return () => {
        room.provider.off('sync', onSync);
        room.doc.off('afterTransaction', readAll);
      };
    });
    readAll();
    return () => {
      active = false;
      cleanups.forEach((cleanup) => cleanup());
    };
  }, [rooms, roomIds, read]);

  return state;
}
