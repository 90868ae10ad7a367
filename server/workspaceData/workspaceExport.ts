/**
 * Builds the workspace export zip (exportFormat.ts): every stored document as
 * Yjs state (lossless), TipTap JSON and Markdown, the index, the member list
 * and a manifest. Decision and action lists go in as Yjs state, and as JSON
 * and CSV to read (listFiles.ts).
 *
 * Reads storage only: what a room has forwarded is stored before it is
 * forwarded, so storage is never behind what anyone has seen.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import * as Y from 'yjs';
import { richTextToJSON } from '../../shared/exchange/richTextJson.ts';
import { documentToMarkdown } from '../../shared/exchange/markdown.ts';
import { INDEX_DOC_ID, roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import type { ExportOptions } from '../../shared/export/listExport.ts';
import { workplaceOfListDoc, type ListKind } from '../../shared/schema/listDocuments.ts';
import { readDocuments, readWorkplaces, type DocumentEntry, type DocumentKind } from '../../shared/schema/workspaceIndex.ts';
import { localIsoDate } from '../documents/documentTemplates.ts';
import type { Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';
import { listViews } from './listFiles.ts';
import {
  documentFile,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  INDEX_JSON_FILE,
  INDEX_STATE_FILE,
  MANIFEST_FILE,
  MEMBERS_FILE,
  WORKSPACE_FILE,
  type ExportedDocumentMeta,
  type ExportedMember,
  type ExportedWorkspace,
  type ExportManifest,
} from './exportFormat.ts';

function listKind(kind: DocumentKind): ListKind | null {
  return kind === 'decisions' || kind === 'actions' ? kind : null;
}

function json(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

function iso(millis: number): string {
  return new Date(millis).toISOString();
}

/** A document the index no longer lists still has a kind: the lists' ids say theirs. */
function guessKind(docId: string): DocumentKind {
  return workplaceOfListDoc(docId)?.kind ?? 'plan';
}

export interface WorkspaceExport {
  zip: Uint8Array;
  manifest: ExportManifest;
  workspaceName: string;
}

export async function buildWorkspaceExport(storage: Storage, workspaceId: string, now: number): Promise<WorkspaceExport> {
  const workspace = await storage.getWorkspace(workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const files: Zippable = {};
  const wsId = workspaceId as WorkspaceId;

  const members: ExportedMember[] = (await storage.listMembers(workspaceId)).map((member) => ({
    id: member.id,
    name: member.name,
    role: member.role,
    access: member.access,
    joinedAt: iso(member.createdAt),
    active: member.removedAt === null,
  }));
  const about: ExportedWorkspace = { name: workspace.name, createdAt: iso(workspace.createdAt), exportedId: workspace.id };
  files[WORKSPACE_FILE] = json(about);
  files[MEMBERS_FILE] = json(members);

  const index = (await loadStoredDoc(storage, roomName(wsId, INDEX_DOC_ID))).doc;
  let listed: Map<string, DocumentEntry>;
  let workplaceCount: number;
  try {
    files[INDEX_STATE_FILE] = Y.encodeStateAsUpdate(index);
    const workplaces = readWorkplaces(index);
    const documents = readDocuments(index);
    files[INDEX_JSON_FILE] = json({ workplaces, documents });
    listed = new Map(documents.map((entry) => [entry.id, entry]));
    workplaceCount = workplaces.length;
  } finally {
    index.destroy();
  }

  const current = (await storage.listMembers(workspaceId)).filter((member) => member.removedAt === null);
  const listOptions: ExportOptions = {
    members: current.map(({ id, name, access }) => ({ id, name, access })),
    meetingTitles: Object.fromEntries([...listed.values()].filter((entry) => entry.kind === 'meeting').map((entry) => [entry.id, entry.title])),
    today: localIsoDate(now),
  };

  let documentCount = 0;
  for (const record of await storage.listDocuments(workspaceId)) {
    if (record.docId === INDEX_DOC_ID) continue;
    const entry = listed.get(record.docId);
    const meta: ExportedDocumentMeta = {
      id: record.docId,
      kind: entry?.kind ?? guessKind(record.docId),
      title: entry?.title ?? '',
      workplaceId: entry?.workplaceId ?? '',
      createdAt: iso(record.createdAt),
      createdBy: record.createdBy,
      inIndex: entry !== undefined,
    };
    const doc = (await loadStoredDoc(storage, roomName(wsId, record.docId as DocId))).doc;
    try {
      files[documentFile.state(record.docId)] = Y.encodeStateAsUpdate(doc);
      files[documentFile.meta(record.docId)] = json(meta);
      const kind = listKind(meta.kind);
      if (kind) {
        try {
          const views = listViews(kind, doc, listOptions);
          files[documentFile.json(record.docId)] = json(views.json);
          files[documentFile.csv(record.docId)] = strToU8(views.csv);
        } catch {
          // As for rich text below: a list nobody's schema can read still travels as its Yjs state.
          meta.readableAsText = false;
          files[documentFile.meta(record.docId)] = json(meta);
        }
      } else {
        try {
          const content = richTextToJSON(doc);
          const markdown = documentToMarkdown(content);
          files[documentFile.json(record.docId)] = json(content);
          files[documentFile.markdown(record.docId)] = strToU8(markdown);
        } catch {
          // Any member can write any shape into a document; one that the editor's schema cannot
          // read must not stop the export of all the others. Its Yjs state is in the zip all the same.
          meta.readableAsText = false;
          files[documentFile.meta(record.docId)] = json(meta);
        }
      }
    } finally {
      doc.destroy();
    }
    documentCount++;
  }

  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: iso(now),
    counts: { documents: documentCount, workplaces: workplaceCount, members: members.length },
    files: Object.entries(files).map(([path, bytes]) => ({ path, bytes: (bytes as Uint8Array).byteLength })),
  };
  // The manifest first, so a reader sees what to expect before anything else.
  const zip = zipSync({ [MANIFEST_FILE]: json(manifest), ...files }, { level: 6, mtime: new Date(now) });
  return { zip, manifest, workspaceName: workspace.name };
}
