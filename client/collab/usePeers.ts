import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { AwarenessMember } from '../../shared/members.ts';
import { awarenessMember } from './awarenessMember.ts';
import { memberColor } from './memberColor.ts';

export interface Peer {
  member: AwarenessMember;
  color: string;
}

/**
 * The other members in this room right now, once each (someone may have two
 * tabs open), identified only by the server-stamped `member` field.
 */
export function usePeers(provider: WebsocketProvider | null, myMemberId: string | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!provider) {
      setPeers([]);
      return undefined;
    }
    const awareness = provider.awareness;
    const read = (): void => {
      const byMember = new Map<string, Peer>();
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const member = awarenessMember(state);
        if (!member || member.id === myMemberId || byMember.has(member.id)) return;
        byMember.set(member.id, { member, color: memberColor(member.id) });
      });
      const next = [...byMember.values()].sort((a, b) => a.member.name.localeCompare(b.member.name));
      setPeers((current) => (samePeers(current, next) ? current : next));
    };
    // Our own state changes ('local') never change who the others are; they also
    // happen while the editor is being created, inside another component's render.
    const onChange = (_changes: unknown, origin: unknown): void => {
      if (origin !== 'local') read();
    };
    read();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [provider, myMemberId]);
  return peers;
}

function samePeers(a: Peer[], b: Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        peer.member.id === other.member.id &&
        peer.member.name === other.member.name &&
        peer.member.role === other.member.role &&
        peer.member.access === other.member.access
      );
    })
  );
}
