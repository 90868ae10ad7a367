/**
 * The HTTP API as the browser uses it. Sessions are HttpOnly cookies the server
 * sets, so requests only need `credentials: 'same-origin'` (the fetch default).
 * Errors carry the server's readable message, asked for in the UI's language.
 */
import type {
  AcceptInviteBody,
  AcceptInviteResponse,
  ApiErrorBody,
  ApiErrorCode,
  CreateDocumentBody,
  CreateDocumentResponse,
  CreateInviteBody,
  CreateInviteResponse,
  CreateWorkspaceBody,
  CreateWorkspaceResponse,
  ExampleWorkspaceBody,
  InvitePreview,
  MembershipsResponse,
  WorkspaceView,
} from '../../shared/api.ts';
import { currentLanguage } from '../i18n/i18n.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).error === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    // fetch only rejects when the server cannot be reached at all.
    throw new ApiError(0, 'network', '');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) throw new ApiError(response.status, payload.error, payload.message);
    throw new ApiError(response.status, 'internal', '');
  }
  return payload as T;
}

const enc = encodeURIComponent;

export const api = {
  me: () => request<MembershipsResponse>('GET', '/api/me'),
  createWorkspace: (body: CreateWorkspaceBody) => request<CreateWorkspaceResponse>('POST', '/api/workspaces', body),
  workspace: (workspaceId: string) => request<WorkspaceView>('GET', `/api/workspaces/${enc(workspaceId)}`),
  createInvite: (workspaceId: string, body: CreateInviteBody) =>
    request<CreateInviteResponse>('POST', `/api/workspaces/${enc(workspaceId)}/invites`, body),
  revokeInvite: (workspaceId: string, inviteId: string) =>
    request<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/invites/${enc(inviteId)}`),
  removeMember: (workspaceId: string, memberId: string) =>
    request<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/members/${enc(memberId)}`),
  createDocument: (workspaceId: string, body: CreateDocumentBody) =>
    request<CreateDocumentResponse>('POST', `/api/workspaces/${enc(workspaceId)}/documents`, body),
  createExampleWorkspace: (body: ExampleWorkspaceBody) => request<CreateWorkspaceResponse>('POST', '/api/example-workspace', body),
  invite: (code: string) => request<InvitePreview>('GET', `/api/invites/${enc(code)}`),
  acceptInvite: (code: string, body: AcceptInviteBody) =>
    request<AcceptInviteResponse>('POST', `/api/invites/${enc(code)}/accept`, body),
};
