/**
 * Everything Samenspel holds about one member of one workspace, as JSON (AVG,
 * right of access). "What they wrote" comes from the document update log,
 * which records the member behind every edit: for each document the number of
 * edits, when, and the text they typed (including text that was later
 * deleted or changed by others — it is what they wrote, not what stands).
 * Formatting, moves and deletions carry no text and are only counted.
 */
import * as Y from 'yjs';
import { INDEX_DOC_ID, roomName, type DocId, type WorkspaceId } from '../../shared/rooms.ts';
import { readDocuments } from '../../shared/schema/workspaceIndex.ts';
import type { SessionRecord, Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';

export interface PersonalData {
  about: string;
  exportedAt: string;
  workspace: { id: string; name: string };
  member: { id: string; name: string; role: string; access: string; joinedAt: string };
  invitesCreated: { id: string; access: string; createdAt: string; revoked: boolean }[];
  documentsCreated: { id: string; title: string; createdAt: string }[];
  writing: { id: string; title: string; kind: string; edits: number; firstAt: string; lastAt: string; typedText: string[] }[];
  /** Consent responses, actions and other list entries that name the member. */
  decisionsAndActions: ListEntry[];
  notIncluded: string[];
}

/** An entry of a decision or action list that names the member (a consent response, an action they own …). */
export interface ListEntry {
  docId: string;
  kind: 'decisions' | 'actions';
  /** Where in the list's data, e.g. `besluit1/responses/0`. */
  path: string;
  entry: unknown;
}

/**
 * The smallest objects in a list's data that hold the member's id as a value
 * or in an array value (a response's `memberId`, an action's `owners`). Read
 * without knowing the lists' schema (shared/schema/decisions.ts, actions.ts),
 * so whatever they record about a member is found.
 */
export function entriesNaming(data: unknown, memberId: string, path = ''): { path: string; entry: unknown }[] {
  if (Array.isArray(data)) return data.flatMap((item, index) => entriesNaming(item, memberId, path ? `${path}/${index}` : String(index)));
  if (typeof data !== 'object' || data === null) return [];
  const nested = Object.entries(data).flatMap(([key, value]) => entriesNaming(value, memberId, path ? `${path}/${key}` : key));
  if (nested.length > 0) return nested;
  const names = Object.values(data).some((value) => value === memberId || (Array.isArray(value) && value.includes(memberId)));
  return names ? [{ path, entry: data }] : [];
}

const LIST_KINDS = { decisions: 'decisions', actions: 'actions' } as const;

function listKindOf(docId: string, indexKind: string | undefined): 'decisions' | 'actions' | null {
  if (indexKind === 'decisions' || docId.startsWith('decisions-')) return 'decisions';
  if (indexKind === 'actions' || docId.startsWith('actions-')) return 'actions';
  return null;
}

/** The strings an update inserts, joined per update. */
function typedText(update: Uint8Array): string {
  let text = '';
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) text += struct.content.str;
  }
  return text;
}

const iso = (millis: number) => new Date(millis).toISOString();

export async function collectPersonalData(storage: Storage, session: SessionRecord, now: number): Promise<PersonalData> {
  const { member, workspace } = session;
  const index = (await loadStoredDoc(storage, roomName(workspace.id as WorkspaceId, INDEX_DOC_ID))).doc;
  const entries = new Map(readDocuments(index).map((entry) => [entry.id, entry]));
  index.destroy();
  const titleOf = (docId: string) => (docId === INDEX_DOC_ID ? '(index)' : (entries.get(docId)?.title ?? ''));

  const byDocument = new Map<string, PersonalData['writing'][number]>();
  for (const entry of await storage.listMemberUpdates(workspace.id, member.id)) {
    let item = byDocument.get(entry.docId);
    if (!item) {
      item = {
        id: entry.docId,
        title: titleOf(entry.docId),
        kind: entry.docId === INDEX_DOC_ID ? 'index' : (entries.get(entry.docId)?.kind ?? 'unknown'),
        edits: 0,
        firstAt: iso(entry.at),
        lastAt: iso(entry.at),
        typedText: [],
      };
      byDocument.set(entry.docId, item);
    }
    item.edits++;
    item.lastAt = iso(entry.at);
    const text = typedText(entry.update);
    if (text) item.typedText.push(text);
  }

  const invites = (await storage.listInvites(workspace.id)).filter((invite) => invite.createdBy === member.id);
  const allDocuments = await storage.listDocuments(workspace.id);
  const documents = allDocuments.filter((doc) => doc.createdBy === member.id && doc.docId !== INDEX_DOC_ID);
  const decisionsAndActions: ListEntry[] = [];
  for (const record of allDocuments) {
    const kind = listKindOf(record.docId, entries.get(record.docId)?.kind);
    if (!kind) continue;
    const doc = (await loadStoredDoc(storage, roomName(workspace.id as WorkspaceId, record.docId as DocId))).doc;
    try {
      for (const found of entriesNaming(doc.getMap(LIST_KINDS[kind]).toJSON(), member.id)) {
        decisionsAndActions.push({ docId: record.docId, kind, ...found });
      }
    } finally {
      doc.destroy();
    }
  }
  return {
    about:
      'Alles wat Samenspel over jou bewaart in deze samenwerking. / Everything Samenspel keeps about you in this workspace.',
    exportedAt: iso(now),
    workspace: { id: workspace.id, name: workspace.name },
    member: { id: member.id, name: member.name, role: member.role, access: member.access, joinedAt: iso(member.createdAt) },
    invitesCreated: invites.map((invite) => ({
      id: invite.id,
      access: invite.access,
      createdAt: iso(invite.createdAt),
      revoked: invite.revokedAt !== null,
    })),
    documentsCreated: documents.map((doc) => ({ id: doc.docId, title: titleOf(doc.docId), createdAt: iso(doc.createdAt) })),
    writing: [...byDocument.values()],
    decisionsAndActions,
    notIncluded: [
      'Sessies: alleen een onleesbare vingerafdruk (hash) van je inlogsleutel wordt bewaard, met aanmaak- en laatste gebruikstijd. / Sessions: only a hash of your sign-in key is stored.',
      'Bij besluiten en acties staan alleen de onderdelen waarin jouw deelnemersnummer staat (je instemming, acties op jouw naam). / Of decisions and actions, only the parts that carry your member id (your consent, actions you own).',
      'Aanwezigheid (wie er nu online is) wordt niet bewaard. / Presence (who is online) is never stored.',
    ],
  };
}
