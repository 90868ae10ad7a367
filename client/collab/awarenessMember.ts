/**
 * Who is behind an awareness state. Only the `member` field counts: the server
 * stamps it from the authenticated connection, whatever the client wrote.
 */
import { ACCESS_LEVELS, ROLES, type AwarenessMember } from '../../shared/members.ts';

export function awarenessMember(state: unknown): AwarenessMember | null {
  if (typeof state !== 'object' || state === null) return null;
  const member: unknown = (state as { member?: unknown }).member;
  if (typeof member !== 'object' || member === null) return null;
  const { id, name, role, access } = member as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  if (!(ROLES as readonly unknown[]).includes(role) || !(ACCESS_LEVELS as readonly unknown[]).includes(access)) {
    return null;
  }
  return { id, name, role: role as AwarenessMember['role'], access: access as AwarenessMember['access'] };
}
