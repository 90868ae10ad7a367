import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { AwarenessMember } from '../../shared/members.ts';
import { awarenessMember } from './awarenessMember.ts';
import { memberColor } from './memberColor.ts';

export interface OnlineMember {
  member: AwarenessMember;
  color: string;
  /** The document they have open, if any (from the `viewing` field they publish in the index room). */
  viewing: string | null;
}

/**
 * Everyone in the workspace right now: every page keeps the index room open,
 * so its awareness is the workspace's presence. Each member once, the local
 * one included (identified by the server-stamped `member`).
 */
export function useOnlineMembers(provider: WebsocketProvider | null): OnlineMember[] {
  const [online, setOnline] = useState<OnlineMember[]>([]);
  useEffect(() => {
    if (!provider) {
      setOnline([]);
      return undefined;
    }
    const awareness = provider.awareness;
    const read = (): void => {
      const byMember = new Map<string, OnlineMember>();
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const member = awarenessMember(state);
        if (!member) return;
        const viewing = typeof (state as { viewing?: unknown }).viewing === 'string' ? (state as { viewing: string }).viewing : null;
        const known = byMember.get(member.id);
        if (!known || (!known.viewing && viewing)) byMember.set(member.id, { member, color: memberColor(member.id), viewing });
      });
      setOnline([...byMember.values()].sort((a, b) => a.member.name.localeCompare(b.member.name)));
    };
    const onChange = (_changes: unknown, origin: unknown): void => {
      if (origin !== 'local') read();
    };
    read();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [provider]);
  return online;
}
