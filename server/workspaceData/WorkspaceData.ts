/**
 * The rules for taking a workspace along and for personal data, over storage
 * and the open rooms. "As equals" (DESIGN.md): every member with edit access
 * may export the whole workspace, remove and anonymise another member, and
 * delete the workspace; every member, view-only too, may download their own
 * data and leave. Anyone who may create a workspace (SIGNUP) may import one.
 */
import { CloseCode } from '../../shared/protocol.ts';
import * as Y from 'yjs';
import type { Role } from '../../shared/members.ts';
import { INDEX_DOC_ID, roomName, type WorkspaceId } from '../../shared/rooms.ts';
import { anonymiseChangedBy, FORMER_MEMBER_NAME } from '../../shared/schema/formerMember.ts';
import { loadStoredDoc } from '../sync/loadStoredDoc.ts';
import type { NewSession } from '../accounts/Accounts.ts';
import type { SessionRecord, Storage } from '../storage/Storage.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import { collectPersonalData, type PersonalData } from './personalData.ts';
import { buildWorkspaceExport, type WorkspaceExport } from './workspaceExport.ts';
import { importWorkspace, readWorkspaceExport, type Importer, type ImportLimits } from './workspaceImport.ts';

/** What an import may inflate in all (documents are bounded one by one by MAX_DOCUMENT_BYTES). */
export const MAX_IMPORT_INFLATED_BYTES = 512 * 1024 * 1024;

export type LeaveOutcome = 'left' | 'last_editor';
export type AnonymiseOutcome = 'anonymised' | 'not_found';

export class WorkspaceData {
  constructor(
    private readonly storage: Storage,
    private readonly rooms: Pick<RoomRegistry, 'revokeMember' | 'closeWorkspace' | 'catchUpFromStorage'>,
    private readonly importLimits: ImportLimits,
    private readonly now: () => number = Date.now,
  ) {}

  exportWorkspace(session: SessionRecord): Promise<WorkspaceExport> {
    return buildWorkspaceExport(this.storage, session.workspace.id, this.now());
  }

  /** Checks the whole zip first (ImportRefused), then creates the new workspace. */
  importWorkspace(zip: Uint8Array, importer: Importer): Promise<NewSession> {
    const parsed = readWorkspaceExport(zip, this.importLimits);
    return importWorkspace(this.storage, parsed, importer, this.now());
  }

  personalData(session: SessionRecord): Promise<PersonalData> {
    return collectPersonalData(this.storage, session, this.now());
  }

  /**
   * The member leaves: name replaced by "oud-lid", sessions revoked, sockets
   * closed. Refused for the last active member with edit access, so a
   * workspace never ends up without anyone who can change it.
   */
  async leave(session: SessionRecord): Promise<LeaveOutcome> {
    const { member } = session;
    if (member.access === 'edit') {
      const others = (await this.storage.listMembers(session.workspace.id)).filter(
        (other) => other.id !== member.id && other.removedAt === null && other.access === 'edit',
      );
      if (others.length === 0) return 'last_editor';
    }
    await this.forget(member.id);
    return 'left';
  }

  /** Removes another member (or one removed earlier) and replaces their name by "oud-lid". */
  async anonymiseMember(session: SessionRecord, memberId: string): Promise<AnonymiseOutcome> {
    const member = await this.storage.getMember(memberId);
    if (!member || member.workspaceId !== session.workspace.id) return 'not_found';
    await this.forget(memberId);
    return 'anonymised';
  }

  /**
   * Deletes the workspace for good: sessions revoked (nobody reconnects),
   * sockets closed on every server process, writes in flight stored, then
   * every row deleted. Returns how many connections were closed here.
   */
  async deleteWorkspace(session: SessionRecord): Promise<number> {
    const workspaceId = session.workspace.id;
    const members = await this.storage.listMembers(workspaceId);
    const at = this.now();
    let closed = 0;
    for (const member of members) {
      if (member.removedAt === null) await this.storage.removeMember(member.id, at);
      closed += this.rooms.revokeMember(member.id);
    }
    closed += await this.rooms.closeWorkspace(workspaceId, CloseCode.accessRevoked, 'workspace deleted');
    await this.storage.deleteWorkspace(workspaceId);
    return closed;
  }

  private async forget(memberId: string): Promise<void> {
    const member = await this.storage.getMember(memberId);
    if (!member) return;
    await this.storage.anonymiseMember(memberId, FORMER_MEMBER_NAME, this.now());
    this.rooms.revokeMember(memberId);
    if (member.name !== FORMER_MEMBER_NAME) await this.anonymiseIndex(member.workspaceId, member.name, member.role);
  }

  /**
   * "Changed by" in the index is a name, written by clients: the server rewrites
   * the former member's entries as an update of its own (logged under no
   * member), and an open index room passes it on at once. A second member with
   * exactly the same name loses that label too; there is no way to tell them apart.
   */
  private async anonymiseIndex(workspaceId: string, name: string, role: Role): Promise<void> {
    const room = roomName(workspaceId as WorkspaceId, INDEX_DOC_ID);
    const { doc } = await loadStoredDoc(this.storage, room);
    try {
      const before = Y.encodeStateVector(doc);
      if (anonymiseChangedBy(doc, name, role) === 0) return;
      await this.storage.appendUpdate(workspaceId, INDEX_DOC_ID, Y.encodeStateAsUpdate(doc, before), { memberId: null, at: this.now() });
    } finally {
      doc.destroy();
    }
    await this.rooms.catchUpFromStorage(room);
  }
}
