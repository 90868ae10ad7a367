/**
 * Reads a workspace export zip (exportFormat.ts) and creates a NEW workspace
 * from it. Everything is checked before anything is written: a zip that is
 * not ours, of another version, incomplete, with a name outside the layout,
 * too large, or with a document that is not valid Yjs state, is refused with
 * its own error code and creates nothing.
 *
 * What the new workspace gets:
 * - a new workspace id; the documents keep their ids (they are per workspace),
 *   so links inside the index and between documents still point right;
 * - the person who imports becomes its first member, with edit access. If the
 *   export lists an active member with the same name and role, the importer
 *   takes that member's place (same id where it is free on this server);
 * - every other exported member comes along as a former member: name and role
 *   kept (their names still label their work), no session, not able to sign
 *   in. To work together again, the importer invites them anew;
 * - each document's Yjs state becomes its first log entry, under no member:
 *   the export carries the content, not who typed which letter.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import type { ApiErrorCode } from '../../shared/api.ts';
import { newId, newSecret } from '../../shared/ids.ts';
import { ACCESS_LEVELS, MAX_NAME_LENGTH, ROLES, type Role } from '../../shared/members.ts';
import { INDEX_DOC_ID, isValidId } from '../../shared/rooms.ts';
import { DOCUMENT_KINDS } from '../../shared/schema/workspaceIndex.ts';
import type { NewSession } from '../accounts/Accounts.ts';
import { hashSecret } from '../accounts/secrets.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import { checkUpdateBounds } from '../sync/updateBounds.ts';
import { boundedUnzip, UnzipError, type UnzipLimits } from './boundedUnzip.ts';
import {
  documentFile,
  EXPORT_ENTRY_NAME,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  INDEX_STATE_FILE,
  MANIFEST_FILE,
  MEMBERS_FILE,
  WORKSPACE_FILE,
  type ExportedDocumentMeta,
  type ExportedMember,
  type ExportedWorkspace,
} from './exportFormat.ts';

/** Why an import was refused: the API error code, and a detail for the log (never content). */
export class ImportRefused extends Error {
  override name = 'ImportRefused';
  constructor(
    readonly code: ApiErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

export interface ImportLimits {
  maxDocuments: number;
  /** Largest Yjs state of one document (MAX_DOCUMENT_BYTES). */
  maxDocumentBytes: number;
  /** Largest sum of what is inflated. */
  maxTotalBytes: number;
}

export interface ParsedExport {
  workspace: ExportedWorkspace;
  members: ExportedMember[];
  indexState: Uint8Array;
  documents: { meta: ExportedDocumentMeta; state: Uint8Array }[];
}

/** JSON files are small; 8 MiB leaves room for a very large member list. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)));
const id = z.string().refine(isValidId);

const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number(),
  exportedAt: isoTime,
  counts: z.object({ documents: z.number().int().min(0), workplaces: z.number().int().min(0), members: z.number().int().min(0) }),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().min(0) })),
});

const workspaceSchema = z.object({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  createdAt: isoTime,
  exportedId: z.string(),
});

const membersSchema = z.array(
  z.object({
    id,
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
    role: z.enum(ROLES),
    access: z.enum(ACCESS_LEVELS),
    joinedAt: isoTime,
    active: z.boolean(),
  }),
);

const documentMetaSchema = z.object({
  id,
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  workplaceId: z.string(),
  createdAt: isoTime,
  createdBy: z.string().nullable(),
  inIndex: z.boolean(),
  readableAsText: z.boolean().optional(),
});

function refuse(code: ApiErrorCode, detail: string): never {
  throw new ImportRefused(code, detail);
}

function readJson<T extends z.ZodType>(files: Map<string, Uint8Array>, name: string, schema: T, badCode: ApiErrorCode): z.infer<T> {
  const bytes = files.get(name);
  if (!bytes) refuse('import_incomplete', `${name} is missing`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    refuse(badCode, `${name} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) refuse(badCode, `${name} does not have the expected fields`);
  return parsed.data;
}

/** Checks a Yjs state completely: bounded structure first, then that it applies with nothing missing. */
function checkState(state: Uint8Array, name: string, maxBytes: number): void {
  if (state.byteLength > maxBytes) refuse('import_too_large', `${name} is larger than MAX_DOCUMENT_BYTES`);
  const doc = new Y.Doc();
  try {
    checkUpdateBounds(state);
    Y.applyUpdate(doc, state);
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw new Error('incomplete state');
  } catch {
    refuse('import_bad_entry', `${name} is not a complete Yjs state`);
  } finally {
    doc.destroy();
  }
}

function unzipProblemCode(error: UnzipError): ApiErrorCode {
  switch (error.problem) {
    case 'not_zip':
    case 'corrupt':
      return 'import_not_zip';
    case 'bad_name':
      return 'import_bad_entry';
    case 'too_many_entries':
    case 'too_large':
      return 'import_too_large';
  }
}

/** Reads and checks the whole export; throws ImportRefused, writes nothing. */
export function readWorkspaceExport(bytes: Uint8Array, limits: ImportLimits): ParsedExport {
  const unzipLimits: UnzipLimits = {
    // Four files per document, the index's two and three more.
    maxEntries: limits.maxDocuments * 4 + 8,
    maxEntryBytes: Math.max(limits.maxDocumentBytes, MAX_JSON_BYTES),
    maxTotalBytes: limits.maxTotalBytes,
  };
  // The readable views (content.json, .md, .csv) are not read: state.yjs is the source.
  const needed = (name: string) => !/\/content\.(?:json|md|csv)$/.test(name) && name !== 'index/index.json';
  let unzipped: ReturnType<typeof boundedUnzip>;
  try {
    unzipped = boundedUnzip(bytes, needed, unzipLimits);
  } catch (error) {
    if (error instanceof UnzipError) refuse(unzipProblemCode(error), error.message);
    throw error;
  }
  const { names, files } = unzipped;
  for (const name of names) {
    if (!EXPORT_ENTRY_NAME.test(name)) refuse('import_bad_entry', 'an entry outside the export layout');
  }
  if (!files.has(MANIFEST_FILE)) refuse('import_wrong_version', 'no manifest.json');
  const manifest = readJson(files, MANIFEST_FILE, manifestSchema, 'import_wrong_version');
  if (manifest.version !== EXPORT_VERSION) refuse('import_wrong_version', `format version ${manifest.version}`);

  const present = new Set(names);
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const path of listed) if (!present.has(path)) refuse('import_incomplete', 'a file the manifest lists is missing');
  for (const name of names) {
    if (name !== MANIFEST_FILE && !listed.has(name)) refuse('import_bad_entry', 'a file the manifest does not list');
  }

  const workspace = readJson(files, WORKSPACE_FILE, workspaceSchema, 'import_bad_entry');
  const members = readJson(files, MEMBERS_FILE, membersSchema, 'import_bad_entry');
  if (new Set(members.map((member) => member.id)).size !== members.length) refuse('import_bad_entry', 'a member id occurs twice');
  if (members.length !== manifest.counts.members) refuse('import_incomplete', 'member count differs from the manifest');

  const indexState = files.get(INDEX_STATE_FILE) ?? refuse('import_incomplete', 'index/state.yjs is missing');
  checkState(indexState, INDEX_STATE_FILE, limits.maxDocumentBytes);

  const docIds = new Set<string>();
  for (const name of names) {
    const match = EXPORT_ENTRY_NAME.exec(name);
    if (match?.[1]) docIds.add(match[1]);
  }
  if (docIds.has(INDEX_DOC_ID)) refuse('import_bad_entry', 'a document uses the index id');
  if (docIds.size > limits.maxDocuments) refuse('import_too_large', 'more documents than MAX_DOCUMENTS_PER_WORKSPACE');
  if (docIds.size !== manifest.counts.documents) refuse('import_incomplete', 'document count differs from the manifest');

  const documents: ParsedExport['documents'] = [];
  for (const docId of docIds) {
    const meta = readJson(files, documentFile.meta(docId), documentMetaSchema, 'import_bad_entry');
    if (meta.id !== docId) refuse('import_bad_entry', 'document.json names another document');
    const state = files.get(documentFile.state(docId)) ?? refuse('import_incomplete', 'a document has no state.yjs');
    checkState(state, documentFile.state(docId), limits.maxDocumentBytes);
    documents.push({ meta, state });
  }
  return { workspace, members, indexState, documents };
}

export interface Importer {
  name: string;
  role: Role;
}

function millis(iso: string): number {
  return Date.parse(iso);
}

/** Creates the new workspace from a checked export. Undoes what it wrote when storage fails half-way. */
export async function importWorkspace(storage: Storage, parsed: ParsedExport, importer: Importer, now: number): Promise<NewSession> {
  const workspaceId = newId();
  const taken = async (memberId: string) => (await storage.getMember(memberId)) !== null;
  const idFor = async (memberId: string) => ((await taken(memberId)) ? newId() : memberId);

  const same = parsed.members.find((member) => member.active && member.name === importer.name && member.role === importer.role);
  const newIds = new Map<string, string>();
  for (const member of parsed.members) newIds.set(member.id, await idFor(member.id));

  const founder: MemberRecord = {
    id: same ? (newIds.get(same.id) as string) : newId(),
    workspaceId,
    name: importer.name,
    role: importer.role,
    access: 'edit',
    createdAt: same ? millis(same.joinedAt) : now,
    removedAt: null,
  };
  const formers: MemberRecord[] = parsed.members
    .filter((member) => member !== same)
    .map((member) => ({
      id: newIds.get(member.id) as string,
      workspaceId,
      name: member.name,
      role: member.role,
      access: member.access,
      createdAt: millis(member.joinedAt),
      removedAt: now,
    }));

  const token = newSecret();
  await storage.createWorkspace(
    { id: workspaceId, name: parsed.workspace.name, createdAt: millis(parsed.workspace.createdAt) },
    founder,
    hashSecret(token),
  );
  try {
    await storage.addMembersWithoutSession(formers);
    const origin = { memberId: null, at: now };
    await storage.createDocument(
      { workspaceId, docId: INDEX_DOC_ID, createdAt: millis(parsed.workspace.createdAt), createdBy: founder.id },
      { update: parsed.indexState, origin },
    );
    for (const { meta, state } of parsed.documents) {
      const createdBy = meta.createdBy === null ? null : (newIds.get(meta.createdBy) ?? null);
      await storage.createDocument({ workspaceId, docId: meta.id, createdAt: millis(meta.createdAt), createdBy }, { update: state, origin });
    }
  } catch (error) {
    await storage.deleteWorkspace(workspaceId);
    throw error;
  }
  return { workspaceId, memberId: founder.id, token, access: 'edit' };
}
