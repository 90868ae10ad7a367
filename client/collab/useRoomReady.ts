import { useEffect, useState } from 'react';
import type { CollabRoom } from './openRoom.ts';

/**
 * True once the document can be shown: the server's copy has arrived, or this
 * device holds a copy of its own (a document visited before, opened offline).
 * An empty document is never shown before the server answered: an editor on
 * it would write its own empty paragraph in front of everyone else's text.
 */
export function useRoomReady(room: CollabRoom | null): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!room) {
      setReady(false);
      return undefined;
    }
    let current = true;
    setReady(room.provider.synced);
    const onSync = (isSynced: boolean): void => {
      // Once shown, stay shown: a reconnect does not empty the document.
      if (isSynced && current) setReady(true);
    };
    room.provider.on('sync', onSync);
    void room.localCopy.then((hadCopy) => {
      if (hadCopy && current) setReady(true);
    });
    return () => {
      current = false;
      room.provider.off('sync', onSync);
    };
  }, [room]);
  return ready;
}
