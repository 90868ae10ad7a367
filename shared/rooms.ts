/**
 * A collaboration room is one document of one workspace. Its name travels as
 * `<workspaceId>/<docId>` (y-websocket's room name) and is parsed exactly once,
 * here, into a typed value; nothing else splits room names by hand.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

declare const workspaceIdBrand: unique symbol;
declare const docIdBrand: unique symbol;
export type WorkspaceId = string & { readonly [workspaceIdBrand]: true };
export type DocId = string & { readonly [docIdBrand]: true };

export interface RoomName {
  readonly workspaceId: WorkspaceId;
  readonly docId: DocId;
  /** `<workspaceId>/<docId>`: the key for maps, logs and storage. */
  readonly key: string;
}

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function parseWorkspaceId(value: string): WorkspaceId | null {
  return isValidId(value) ? (value as WorkspaceId) : null;
}

export function parseDocId(value: string): DocId | null {
  return isValidId(value) ? (value as DocId) : null;
}

export function roomName(workspaceId: WorkspaceId, docId: DocId): RoomName {
  return { workspaceId, docId, key: `${workspaceId}/${docId}` };
}

/** Parses `<workspaceId>/<docId>`; null when either part is not a valid id. */
export function parseRoomName(value: string): RoomName | null {
  const slash = value.indexOf('/');
  if (slash < 0) return null;
  const workspaceId = parseWorkspaceId(value.slice(0, slash));
  const docId = parseDocId(value.slice(slash + 1));
  return workspaceId && docId ? roomName(workspaceId, docId) : null;
}

/** The document that holds a workspace's index (its workplaces and documents). */
export const INDEX_DOC_ID = 'index' as DocId;
