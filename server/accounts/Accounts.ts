/**
 * Workspaces, members, invites and sessions: the rules, over AccountStorage.
 * Every member with edit access has the same rights; a role is only a label.
 */
import type {
  CreateDocumentBody,
  CreateDocumentResponse,
  CreateWorkspaceBody,
  InvitePreview,
  MemberView,
  WorkspaceView,
} from '../../shared/api.ts';
import { newId, newSecret } from '../../shared/ids.ts';
import type { Access, Role } from '../../shared/members.ts';
import { INDEX_DOC_ID } from '../../shared/rooms.ts';
import { PLAN_TEMPLATE, PLAN_TEMPLATE_TITLE } from '../../shared/schema/planTemplate.ts';
import { appendBlocks } from '../../shared/schema/richText.ts';
import { addDocument, addWorkplace } from '../../shared/schema/workspaceIndex.ts';
import { createDocument } from '../documents/createDocument.ts';
import { localIsoDate, templateFor } from '../documents/documentTemplates.ts';
import { writeExampleWorkspace } from '../documents/exampleWorkspace.ts';
import { EXAMPLE_WORKSPACE_NAME } from '../../shared/examples/westenwind.ts';
import type { MemberRecord, SessionRecord, Storage } from '../storage/Storage.ts';
import { hashSecret, looksLikeSecret } from './secrets.ts';

export const FIRST_WORKPLACE_TITLE = 'Algemeen';

export interface NewSession {
  workspaceId: string;
  memberId: string;
  token: string;
  access: Access;
}

/** A session's last use is written at most this often, so reading the API is not a write per request. */
const SESSION_USE_RESOLUTION_MS = 60 * 60 * 1000;

export interface AccountsOptions {
  /** A session unused for longer no longer authenticates (SESSION_IDLE_DAYS); never when absent. */
  sessionIdleMs?: number;
}

export class Accounts {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
    private readonly options: AccountsOptions = {},
  ) {}

  /** Creates a workspace, its founder, a first session, and its index with one workplace and a plan. */
  async createWorkspace(input: CreateWorkspaceBody): Promise<NewSession> {
    const at = this.now();
    const workspaceId = newId();
    const founder: MemberRecord = {
      id: newId(),
      workspaceId,
      name: input.member.name,
      role: input.member.role,
      access: 'edit',
      createdAt: at,
      removedAt: null,
    };
    const token = newSecret();
    await this.storage.createWorkspace({ id: workspaceId, name: input.name, createdAt: at }, founder, hashSecret(token));

    const workplaceId = newId();
    const planId = newId();
    await createDocument(this.storage, { workspaceId, docId: planId, createdBy: founder.id, at }, (doc) =>
      appendBlocks(doc, PLAN_TEMPLATE),
    );
    const createdAt = new Date(at).toISOString();
    await createDocument(this.storage, { workspaceId, docId: INDEX_DOC_ID, createdBy: founder.id, at }, (doc) => {
      addWorkplace(doc, { id: workplaceId, title: FIRST_WORKPLACE_TITLE, order: 0, createdAt });
      addDocument(doc, { id: planId, title: PLAN_TEMPLATE_TITLE, kind: 'plan', workplaceId, order: 0, createdAt });
    });
    return { workspaceId, memberId: founder.id, token, access: 'edit' };
  }

  /**
   * Creates the Westenwind example workspace (five workplaces, each with a
   * plan and a meeting) with this person as its founder, so a newcomer sees at
   * once what the tool is for.
   */
  async createExampleWorkspace(member: { name: string; role: Role }): Promise<NewSession> {
    const at = this.now();
    const workspaceId = newId();
    const founder: MemberRecord = { id: newId(), workspaceId, name: member.name, role: member.role, access: 'edit', createdAt: at, removedAt: null };
    const token = newSecret();
    await this.storage.createWorkspace({ id: workspaceId, name: EXAMPLE_WORKSPACE_NAME, createdAt: at }, founder, hashSecret(token));
    await writeExampleWorkspace(this.storage, { workspaceId, createdBy: founder.id, at });
    return { workspaceId, memberId: founder.id, token, access: 'edit' };
  }

  /** The session behind a token, or null when it is unknown, revoked or its member removed. */
  async authenticate(token: string): Promise<SessionRecord | null> {
    if (!looksLikeSecret(token)) return null;
    const tokenHash = hashSecret(token);
    const session = await this.storage.findSession(tokenHash);
    if (!session || this.options.sessionIdleMs === undefined) return session;
    const lastUsed = await this.storage.sessionLastUsedAt(tokenHash);
    const at = this.now();
    if (lastUsed === null || at - lastUsed > this.options.sessionIdleMs) return null;
    if (at - lastUsed > SESSION_USE_RESOLUTION_MS) await this.storage.markSessionUsed(tokenHash, at);
    return session;
  }

  async createInvite(session: SessionRecord, access: Access): Promise<{ id: string; code: string }> {
    const code = newSecret();
    const id = newId();
    await this.storage.createInvite(
      { id, workspaceId: session.workspace.id, access, createdBy: session.member.id, createdAt: this.now(), revokedAt: null },
      hashSecret(code),
    );
    return { id, code };
  }

  /**
   * Creates a plan or meeting notes with its template, under a fresh id, so the
   * template is written exactly once. The caller (a client holding the live
   * index) then lists it in the workspace index.
   */
  async createDocument(session: SessionRecord, input: CreateDocumentBody): Promise<CreateDocumentResponse> {
    const at = this.now();
    const docId = newId();
    const date = input.date ?? localIsoDate(at);
    const template = templateFor(input.kind, date);
    await createDocument(this.storage, { workspaceId: session.workspace.id, docId, createdBy: session.member.id, at }, (doc) =>
      appendBlocks(doc, template.blocks),
    );
    const title = input.title || template.title;
    return input.kind === 'meeting' ? { docId, kind: input.kind, title, date } : { docId, kind: input.kind, title };
  }

  async revokeInvite(session: SessionRecord, inviteId: string): Promise<boolean> {
    return this.storage.revokeInvite(session.workspace.id, inviteId, this.now());
  }

  /**
   * Removes a member of the session's workspace: its sessions stop working at
   * once. False when there is no such member (or it was removed already).
   */
  async removeMember(session: SessionRecord, memberId: string): Promise<boolean> {
    const member = await this.storage.getMember(memberId);
    if (!member || member.workspaceId !== session.workspace.id || member.removedAt !== null) return false;
    await this.storage.removeMember(memberId, this.now());
    return true;
  }

  /** What the join page shows; null for an unknown or revoked code. */
  async previewInvite(code: string): Promise<InvitePreview | null> {
    const invite = await this.openInvite(code);
    if (!invite) return null;
    const workspace = await this.storage.getWorkspace(invite.workspaceId);
    return workspace ? { workspaceName: workspace.name, access: invite.access } : null;
  }

  async acceptInvite(code: string, person: { name: string; role: Role }): Promise<NewSession | null> {
    const invite = await this.openInvite(code);
    if (!invite) return null;
    const member: MemberRecord = {
      id: newId(),
      workspaceId: invite.workspaceId,
      name: person.name,
      role: person.role,
      access: invite.access,
      createdAt: this.now(),
      removedAt: null,
    };
    const token = newSecret();
    await this.storage.acceptInvite(member, hashSecret(token));
    return { workspaceId: invite.workspaceId, memberId: member.id, token, access: member.access };
  }

  async workspaceView(session: SessionRecord): Promise<WorkspaceView> {
    const [members, invites] = await Promise.all([
      this.storage.listMembers(session.workspace.id),
      this.storage.listInvites(session.workspace.id),
    ]);
    const names = new Map(members.map((member) => [member.id, member.name]));
    return {
      id: session.workspace.id,
      name: session.workspace.name,
      me: memberView(session.member),
      members: members.filter((member) => member.removedAt === null).map(memberView),
      invites: invites
        .filter((invite) => invite.revokedAt === null)
        .map((invite) => ({
          id: invite.id,
          access: invite.access,
          createdAt: new Date(invite.createdAt).toISOString(),
          createdBy: names.get(invite.createdBy) ?? '',
        })),
    };
  }

  private async openInvite(code: string) {
    if (!looksLikeSecret(code)) return null;
    const invite = await this.storage.findInvite(hashSecret(code));
    return invite && invite.revokedAt === null ? invite : null;
  }
}

export function memberView(member: MemberRecord): MemberView {
  return { id: member.id, name: member.name, role: member.role, access: member.access };
}
