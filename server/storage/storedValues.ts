/**
 * Checks every Storage implementation applies in the same way: what an append
 * must look like before it may join a shared batch, and the parse of stored
 * role and access values back into their types.
 */
import { ACCESS_LEVELS, ROLES } from '../../shared/members.ts';
import type { Access, Role } from '../../shared/members.ts';
import type { UpdateOrigin } from './Storage.ts';

/**
 * Checked before the database sees it: inside a shared batch one bad row would
 * fail every other room's append along with it. Null when the append is fine.
 */
export function invalidAppend(update: Uint8Array, origin: UpdateOrigin): string | null {
  if (!(update instanceof Uint8Array) || update.byteLength === 0) return 'update must be a non-empty Uint8Array';
  if (!Number.isSafeInteger(origin.at)) return 'origin.at must be integer milliseconds';
  if (origin.memberId !== null && typeof origin.memberId !== 'string') return 'origin.memberId must be a string or null';
  return null;
}

// The schema's CHECK constraints already hold these; the parse makes a drift
// between schema and code fail loudly instead of leaking an unknown value.
export function parseRole(value: string): Role {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) throw new Error(`Stored member role ${JSON.stringify(value)} is not a known role`);
  return role;
}

export function parseAccess(value: string): Access {
  const access = ACCESS_LEVELS.find((candidate) => candidate === value);
  if (!access) throw new Error(`Stored access ${JSON.stringify(value)} is not a known access level`);
  return access;
}
