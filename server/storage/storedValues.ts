/**
 * Checks every Storage implementation applies in the same way: what an append
 * must look like before it may join a shared batch, and the parse of stored
 * role and access values back into their types.
 */
import { ACCESS_LEVELS, ROLES } from '../../shared/members.ts';
import type { Access, Role } from '../../shared/members.ts';
import type { InviteRecord, MemberRecord, UpdateOrigin } from './Storage.ts';

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

/**
 * Rows of the account tables as both backends read them. Timestamps are integer
 * milliseconds; PostgreSQL's BIGINT arrives as a string, SQLite's as a number.
 */
type StoredMillis = number | string;

export interface MemberRow {
  id: string;
  workspace_id: string;
  name: string;
  role: string;
  access: string;
  created_at: StoredMillis;
  removed_at: StoredMillis | null;
}

export interface InviteRow {
  id: string;
  workspace_id: string;
  access: string;
  created_by: string;
  created_at: StoredMillis;
  revoked_at: StoredMillis | null;
}

function millis(value: StoredMillis | null): number | null {
  return value === null ? null : Number(value);
}

export function memberFromRow(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: parseRole(row.role),
    access: parseAccess(row.access),
    createdAt: Number(row.created_at),
    removedAt: millis(row.removed_at),
  };
}

export function inviteFromRow(row: InviteRow): InviteRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    access: parseAccess(row.access),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    revokedAt: millis(row.revoked_at),
  };
}

/** Both drivers hand out Buffers; callers get plain Uint8Arrays over the same bytes. */
export function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
