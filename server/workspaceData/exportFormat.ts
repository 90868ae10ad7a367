/**
 * The layout of a workspace export zip (format version 1). Written by
 * workspaceExport.ts, read by workspaceImport.ts; README "Take it with you"
 * describes it for people.
 *
 *   manifest.json                     format, version, export date, counts, every file with its size
 *   workspace.json                    name, created, the id it had
 *   members.json                      name, role, access, joined, active — no tokens, sessions or invites
 *   index/state.yjs                   the workspace index (workplaces, documents) as Yjs state
 *   index/index.json                  the same, readable
 *   documents/<docId>/state.yjs       the document as Yjs state: the source of truth on import
 *   documents/<docId>/document.json   kind, title, workplace, created, whether the index lists it
 *   documents/<docId>/content.json    plans and meetings: TipTap JSON; lists: { decisions } or { actions } as
 *                                     shared/schema/decisions.ts / actions.ts read them
 *   documents/<docId>/content.csv     lists: the CSV the list page downloads (shared/export/listExport.ts)
 *   documents/<docId>/content.md      plans and meetings: Markdown
 */
import type { Access, Role } from '../../shared/members.ts';
import type { DocumentKind } from '../../shared/schema/workspaceIndex.ts';

export const EXPORT_FORMAT = 'samenspel-workspace-export';
export const EXPORT_VERSION = 1;

export const MANIFEST_FILE = 'manifest.json';
export const WORKSPACE_FILE = 'workspace.json';
export const MEMBERS_FILE = 'members.json';
export const INDEX_STATE_FILE = 'index/state.yjs';
export const INDEX_JSON_FILE = 'index/index.json';

export const documentFile = {
  state: (docId: string) => `documents/${docId}/state.yjs`,
  meta: (docId: string) => `documents/${docId}/document.json`,
  json: (docId: string) => `documents/${docId}/content.json`,
  markdown: (docId: string) => `documents/${docId}/content.md`,
  csv: (docId: string) => `documents/${docId}/content.csv`,
};

/** Every name an export may hold; anything else makes an import refuse the zip. */
export const EXPORT_ENTRY_NAME =
  /^(?:manifest\.json|workspace\.json|members\.json|index\/(?:state\.yjs|index\.json)|documents\/([A-Za-z0-9_-]{1,64})\/(?:state\.yjs|document\.json|content\.json|content\.md|content\.csv))$/;

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  counts: { documents: number; workplaces: number; members: number };
  files: { path: string; bytes: number }[];
}

export interface ExportedWorkspace {
  name: string;
  createdAt: string;
  /** The id it had where it was exported; an import gives it a new one. */
  exportedId: string;
}

export interface ExportedMember {
  id: string;
  name: string;
  role: Role;
  access: Access;
  joinedAt: string;
  /** False for members who left or were removed (kept because their names label their work). */
  active: boolean;
}

export interface ExportedDocumentMeta {
  id: string;
  /** From the index; for a document the index no longer lists, guessed from its id ('plan' otherwise). */
  kind: DocumentKind;
  title: string;
  workplaceId: string;
  createdAt: string;
  /** The member id of who created it (see members.json), null for the server's own. */
  createdBy: string | null;
  inIndex: boolean;
  /** Set (false) when the content did not fit the editor's schema: then only state.yjs holds it. */
  readableAsText?: boolean;
}
