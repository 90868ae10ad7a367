/**
 * What storage offers for taking a workspace's data along and for personal data
 * (AVG): listing a workspace's documents, members brought in by an import,
 * anonymising a member who leaves or is removed, the log entries a member wrote,
 * deleting a workspace for good, and when a session was last used (sessions
 * expire after SESSION_IDLE_DAYS unused).
 *
 * Both backends implement it (sqlite.ts, postgres.ts); the contract is tested
 * against both in tests/contract/workspaceDataContract.ts.
 */
import type { DocumentRecord, MemberRecord } from './Storage.ts';

/** One log entry a member wrote. */
export interface MemberUpdate {
  docId: string;
  seq: number;
  update: Uint8Array;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface WorkspaceDataStorage {
  /** Every stored document of a workspace (listed in its index or not), oldest first. */
  listDocuments(workspaceId: string): Promise<DocumentRecord[]>;

  /** Adds members without any session (an import's former members, kept for attribution). */
  addMembersWithoutSession(members: readonly MemberRecord[]): Promise<void>;

  /**
   * Replaces a member's name (by "oud-lid"), marks it removed and revokes all of
   * its sessions, in one transaction. Its role stays; its log entries stay
   * (the text belongs to the plan).
   */
  anonymiseMember(memberId: string, name: string, at: number): Promise<void>;

  /** Every log entry of the workspace written by the member, in order. */
  listMemberUpdates(workspaceId: string, memberId: string): Promise<MemberUpdate[]>;

  /**
   * Deletes everything of a workspace: documents (log, snapshots, records),
   * members, invites, sessions and the workspace itself, so that none of its
   * bytes remain in the database files (SQLite: secure_delete and a truncating
   * WAL checkpoint). Deleting an unknown workspace does nothing.
   */
  deleteWorkspace(workspaceId: string): Promise<void>;

  /** When the session was last used (its creation when never); null for an unknown hash. */
  sessionLastUsedAt(tokenHash: string): Promise<number | null>;
  markSessionUsed(tokenHash: string, at: number): Promise<void>;
}
