import i18next from 'i18next';
import { useEffect, useState } from 'react';
import type { DocId, WorkspaceId } from '../../shared/rooms.ts';
import { openRoom, type CollabRoom } from './openRoom.ts';

const unknownMemberName = (): string => i18next.t('presence.unknown');

/**
 * Opens several rooms at once while mounted (the decision lists of every
 * workplace, for the workspace-wide views): the same lifecycle as
 * useCollabRoom, for a set of documents. When the set changes (a workplace
 * is added) all are opened afresh: rare, and each opens from this device's copy.
 */
export function useCollabRooms(workspaceId: WorkspaceId, docIds: readonly DocId[], memberId: string): ReadonlyMap<DocId, CollabRoom> {
  const [rooms, setRooms] = useState<ReadonlyMap<DocId, CollabRoom>>(new Map());
  const key = [...new Set(docIds)].sort().join('\n');
  useEffect(() => {
    const wanted = key ? (key.split('\n') as DocId[]) : [];
    const opened = new Map<DocId, CollabRoom>(wanted.map((docId) => [docId, openRoom(workspaceId, docId, memberId, unknownMemberName)]));
    setRooms(opened);
    return () => {
      setRooms(new Map());
      opened.forEach((room) => room.destroy());
    };
  }, [workspaceId, key, memberId]);
  return rooms;
}
