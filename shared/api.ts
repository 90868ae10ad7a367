/**
 * The HTTP API's bodies and answers, shared by the server (which validates) and
 * the client (which sends and reads). CONTRACT.md is the outside description.
 */
import { z } from 'zod';
import { ACCESS_LEVELS, MAX_NAME_LENGTH, MAX_TITLE_LENGTH, ROLES, type Access, type Role } from './members.ts';

const name = z
  .string({ error: 'name_required' })
  .trim()
  .min(1, { error: 'name_required' })
  .max(MAX_NAME_LENGTH, { error: 'name_too_long' });

export const memberInput = z.object({
  name,
  role: z.enum(ROLES, { error: 'role_invalid' }),
});

export const createWorkspaceBody = z.object({
  name,
  member: memberInput,
});
export type CreateWorkspaceBody = z.infer<typeof createWorkspaceBody>;

export const createInviteBody = z.object({
  access: z.enum(ACCESS_LEVELS, { error: 'access_invalid' }),
});
export type CreateInviteBody = z.infer<typeof createInviteBody>;

export const acceptInviteBody = memberInput;

/** The kinds of document the server creates with a template (decision and action lists come later). */
export const CREATABLE_KINDS = ['plan', 'meeting'] as const;
export type CreatableKind = (typeof CREATABLE_KINDS)[number];

export const createDocumentBody = z.object({
  workplaceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'bad_request' }),
  kind: z.enum(CREATABLE_KINDS, { error: 'bad_request' }),
  title: z.string().trim().max(MAX_TITLE_LENGTH, { error: 'bad_request' }).optional(),
  /** Meetings: the day of the meeting, `YYYY-MM-DD`; today when left out. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'bad_request' })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'bad_request' })
    .optional(),
});
export type CreateDocumentBody = z.infer<typeof createDocumentBody>;

/**
 * `POST /api/workspaces/:id/documents`: the server has stored the new document
 * with its template (exactly once). The client then adds it to the live index
 * with these values (see README, "Templates are written once").
 */
export interface CreateDocumentResponse {
  docId: string;
  kind: CreatableKind;
  title: string;
  /** Meetings only. */
  date?: string;
}

export const exampleWorkspaceBody = z.object({ member: memberInput });
export type ExampleWorkspaceBody = z.infer<typeof exampleWorkspaceBody>;
export type AcceptInviteBody = z.infer<typeof acceptInviteBody>;

export interface CreateWorkspaceResponse {
  workspaceId: string;
  memberId: string;
  token: string;
}

export interface CreateInviteResponse {
  id: string;
  code: string;
  url: string;
  access: Access;
}

export interface AcceptInviteResponse {
  workspaceId: string;
  memberId: string;
  token: string;
  access: Access;
}

/** `GET /api/invites/:code`: what the join page shows before someone accepts. */
export interface InvitePreview {
  workspaceName: string;
  access: Access;
}

export interface MemberView {
  id: string;
  name: string;
  role: Role;
  access: Access;
}

export interface InviteView {
  id: string;
  access: Access;
  createdAt: string;
  createdBy: string;
}

/** `GET /api/workspaces/:workspaceId`: the workspace as its member sees it. */
export interface WorkspaceView {
  id: string;
  name: string;
  me: MemberView;
  members: MemberView[];
  invites: InviteView[];
}

/** `GET /api/me`: every workspace this browser is a member of (one session cookie per workspace). */
export interface MembershipsResponse {
  memberships: { workspaceId: string; workspaceName: string; member: MemberView }[];
}

export interface HealthResponse {
  ok: true;
  uptimeSeconds: number;
  rooms: number;
  connections: number;
}

export interface ApiErrorBody {
  error: ApiErrorCode;
  message: string;
}

export type ApiErrorCode =
  // Workspace export/import, leaving, deleting (server/workspaceData/)
  | 'import_not_zip'
  | 'import_wrong_version'
  | 'import_incomplete'
  | 'import_bad_entry'
  | 'import_too_large'
  | 'last_editor'
  | 'confirmation_required'
  | 'bad_request'
  | 'name_required'
  | 'name_too_long'
  | 'role_invalid'
  | 'access_invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'signup_closed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'document_limit_reached'
  | 'pdf_unavailable'
  | 'not_rich_text'
  | 'import_invalid'
  | 'internal';

/** Session cookies are per workspace, so one browser can belong to several workspaces. */
export const SESSION_COOKIE_PREFIX = 'samenspel_';

export function sessionCookieName(workspaceId: string): string {
  return SESSION_COOKIE_PREFIX + workspaceId;
}
