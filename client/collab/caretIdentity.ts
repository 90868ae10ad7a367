/**
 * Makes collaboration carets show who someone really is.
 *
 * CollaborationCaret (through y-tiptap's yCursorPlugin) draws each remote caret
 * from the `user` field of that client's awareness state, which the client
 * itself wrote and could fake. The server stamps a trusted `member` field into
 * every state it relays. This listener overwrites each remote state's `user`
 * with the name from `member` and a colour derived from the member id.
 *
 * Order matters: yCursorPlugin rebuilds its decorations in its own awareness
 * 'change' listener, reading `user` at that moment. Observable listeners run in
 * the order they were added, so this must be installed when the provider is
 * created, before any editor exists (openRoom does that).
 *
 * Why 'change' is enough: a remote state object is replaced on every update and
 * 'change' fires unless the new state deep-equals the previous one, which is
 * already stamped; an equal new state therefore carries the same `user`.
 */
import type { Awareness } from 'y-protocols/awareness';
import { awarenessMember } from './awarenessMember.ts';
import { memberColor, UNKNOWN_MEMBER_COLOR } from './memberColor.ts';

export interface CaretUser {
  name: string;
  color: string;
}

export function caretUserFor(memberId: string, name: string): CaretUser {
  return { name, color: memberColor(memberId) };
}

/** Installs the listener; returns the function that removes it. */
export function stampCaretIdentity(awareness: Awareness, unknownName: () => string): () => void {
  const stamp = (): void => {
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const member = awarenessMember(state);
      (state as { user?: CaretUser }).user = member
        ? caretUserFor(member.id, member.name)
        : { name: unknownName(), color: UNKNOWN_MEMBER_COLOR };
    });
  };
  awareness.on('change', stamp);
  return () => awareness.off('change', stamp);
}
