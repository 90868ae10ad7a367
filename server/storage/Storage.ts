/**
 * Everything Samenspel keeps, behind one interface: documents as an append-only
 * update log with a compacted snapshot, and the accounts (workspaces, members,
 * invites, sessions). SQLite (sqlite.ts) is the embedded default; PostgreSQL
 * (postgres.ts) is the second implementation of the same interface, checked by
 * the same contract suite (tests/contract/).
 *
 * Every method is async so that a networked database fits without a rewrite.
 * Secrets (session tokens, invite codes) reach storage only as hashes.
 */
import type { Access, Role } from '../../shared/members.ts';
import type { WorkspaceDataStorage } from './WorkspaceDataStorage.ts';

/** Who sent an update and when, from the server's own knowledge of the connection. */
export interface UpdateOrigin {
  /** null for content the server writes itself (templates). */
  memberId: string | null;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface StoredDocument {
  /**
   * The compacted state: every update with seq <= snapshotSeq merged into one
   * (null before the first compaction). It may contain more than that, never less.
   */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** The log after the snapshot, in the order it was appended. */
  updates: { seq: number; update: Uint8Array }[];
}

/**
 * Where an appended update sits in its document's log. Sequence numbers are
 * global (unique across documents, increasing per document, not consecutive),
 * so `prevSeq` links each update to the one before it in the same document:
 * a reader that holds everything up to `prevSeq` and then receives this update
 * holds everything up to `seq`. Server processes use the chain to notice a
 * fan-out message that never arrived (server/sync/UpdateChain.ts).
 */
export interface AppendedUpdate {
  seq: number;
  /** The seq of the document's previous log entry; 0 when this is the first. */
  prevSeq: number;
}

/** A new document's starting content (a template), stored atomically with its record. */
export interface InitialContent {
  update: Uint8Array;
  origin: UpdateOrigin;
}

export interface DocumentRecord {
  workspaceId: string;
  docId: string;
  createdAt: number;
  createdBy: string | null;
}

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: number;
}

export interface MemberRecord {
  id: string;
  workspaceId: string;
  name: string;
  role: Role;
  access: Access;
  createdAt: number;
  /** Set when the member was removed; a removed member's sessions no longer authenticate. */
  removedAt: number | null;
}

export interface InviteRecord {
  id: string;
  workspaceId: string;
  access: Access;
  createdBy: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A valid session: the member it belongs to (not removed) and its workspace. */
export interface SessionRecord {
  member: MemberRecord;
  workspace: WorkspaceRecord;
}

export interface DocumentStorage {
  /** The stored state of a document; an unknown document has no snapshot and no updates. */
  loadDocument(workspaceId: string, docId: string): Promise<StoredDocument>;

  /**
   * Appends updates to documents' logs durably (committed) before it resolves,
   * in the order given. Implementations may commit calls that arrive together
   * in one transaction. Returns each update's sequence number and the one
   * before it in the same document.
   *
   * Appends to one document are serialised, also between processes sharing
   * the database: once a seq of a document is visible, every lower seq of that
   * document is visible too (no hole fills in later).
   */
  appendUpdate(workspaceId: string, docId: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate>;

  /**
   * The log entries of a document with seq > afterSeq, in order, whether or not
   * a snapshot covers them (compaction keeps the log). For catching up on what
   * another process appended.
   */
  loadUpdatesAfter(workspaceId: string, docId: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[]>;

  /** How many updates the log holds after the snapshot. */
  pendingLogLength(workspaceId: string, docId: string): Promise<number>;

  /**
   * Merges the snapshot and the log up to the last appended update into a new
   * snapshot, atomically: an update appended meanwhile is never lost. The log
   * rows stay, because they are the record of who wrote what.
   */
  compact(workspaceId: string, docId: string): Promise<void>;

  /**
   * Creates the document record if it does not exist, with its starting content
   * in the same transaction; true when this call created it (and stored the content).
   */
  createDocument(record: DocumentRecord, initialContent?: InitialContent): Promise<boolean>;
  getDocument(workspaceId: string, docId: string): Promise<DocumentRecord | null>;
  /** How many documents a workspace has (for the documents-per-workspace limit). */
  countDocuments(workspaceId: string): Promise<number>;
}

export interface AccountStorage {
  createWorkspace(workspace: WorkspaceRecord, founder: MemberRecord, sessionTokenHash: string): Promise<void>;
  getWorkspace(workspaceId: string): Promise<WorkspaceRecord | null>;

  listMembers(workspaceId: string): Promise<MemberRecord[]>;
  getMember(memberId: string): Promise<MemberRecord | null>;
  /** Marks the member removed and revokes all of its sessions. */
  removeMember(memberId: string, at: number): Promise<void>;

  createInvite(invite: InviteRecord, codeHash: string): Promise<void>;
  /** The invite for a code hash, revoked or not; null when unknown. */
  findInvite(codeHash: string): Promise<InviteRecord | null>;
  listInvites(workspaceId: string): Promise<InviteRecord[]>;
  revokeInvite(workspaceId: string, inviteId: string, at: number): Promise<boolean>;
  /** Adds a member through an invite and opens their first session, in one transaction. */
  acceptInvite(member: MemberRecord, sessionTokenHash: string): Promise<void>;

  /** The member and workspace of a session token hash; null when unknown, revoked or removed. */
  findSession(tokenHash: string): Promise<SessionRecord | null>;
}

export interface Storage extends DocumentStorage, AccountStorage, WorkspaceDataStorage {
  /** Waits for writes in flight, then releases the database. */
  close(): Promise<void>;
}
