/**
 * Everything Samenspel holds about one member of one workspace, as JSON (AVG,
 * right of access). "What they wrote" comes from the document update log,
 * which records the member behind every edit: for each document the number of
 * edits, when, and the text they typed (including text that was later
 * deleted or changed by others — it is what they wrote, not what stands).
 * Formatting, moves and deletions carry no text and are only counted.
 * Consent responses and actions come from the lists (personalListData.ts).
 */
import * as Y from 'yjs';
import { INDEX_DOC_ID, roomName, type WorkspaceId } from '../../shared/rooms.ts';
import { readDocuments, readWorkplaces } from '../../shared/schema/workspaceIndex.ts';
import type { SessionRecord, Storage } from '../storage/Storage.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';
import { collectListData, type PersonalListData } from './personalListData.ts';

export interface PersonalData {
  about: string;
  exportedAt: string;
  workspace: { id: string; name: string };
  member: { id: string; name: string; role: string; access: string; joinedAt: string };
  invitesCreated: { id: string; access: string; createdAt: string; revoked: boolean }[];
  documentsCreated: { id: string; title: string; createdAt: string }[];
  writing: { id: string; title: string; kind: string; edits: number; firstAt: string; lastAt: string; typedText: string[] }[];
  /** Consent responses, decisions proposed and changed, actions owned, created or marked done. */
  decisionsAndActions: PersonalListData;
  notIncluded: string[];
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
  const workplaces = new Map(readWorkplaces(index).map((workplace) => [workplace.id, workplace.title]));
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
  const decisionsAndActions = await collectListData(storage, workspace.id, member.id, (id) => workplaces.get(id) ?? '');
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
      'Bij besluiten en acties staan alleen je eigen reacties, je voorstellen en wijzigingen, en acties die op jouw naam staan of die jij maakte of afvinkte. / Of decisions and actions, only your own responses, proposals and changes, and actions you own, created or marked done.',
      'Aanwezigheid (wie er nu online is) wordt niet bewaard. / Presence (who is online) is never stored.',
    ],
  };
}
