import i18next from 'i18next';
import { useEffect, useState } from 'react';
import type { DocId, WorkspaceId } from '../../shared/rooms.ts';
import { openRoom, type CollabRoom } from './openRoom.ts';

/** Read when a caret is drawn, so it follows the language switch without reconnecting. */
const unknownMemberName = (): string => i18next.t('presence.unknown');

/**
 * Opens a room while mounted (pass null to wait). The Y.Doc and provider are
 * created inside the effect and destroyed in its cleanup, so React StrictMode's
 * mount-unmount-mount gets a fresh, connecting pair each time.
 */
export function useCollabRoom(workspaceId: WorkspaceId | null, docId: DocId | null, memberId: string): CollabRoom | null {
  const [room, setRoom] = useState<CollabRoom | null>(null);
  useEffect(() => {
    if (!workspaceId || !docId) return undefined;
    const opened = openRoom(workspaceId, docId, memberId, unknownMemberName);
    setRoom(opened);
    return () => {
      setRoom(null);
      opened.destroy();
    };
  }, [workspaceId, docId, memberId]);
  return room;
}
