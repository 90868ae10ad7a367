/**
 * The routes for taking a workspace along and for personal data
 * (server/http/workspaceDataRoutes.ts). Downloads (the export zip, my data)
 * are plain links: the browser saves the file itself, with the session cookie.
 */
import type { ApiErrorBody, CreateWorkspaceResponse } from '../../shared/api.ts';
import type { Role } from '../../shared/members.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { ApiError } from './api.ts';

const enc = encodeURIComponent;

export const workspaceDataPaths = {
  export: (workspaceId: string) => `/api/workspaces/${enc(workspaceId)}/export`,
  myData: (workspaceId: string) => `/api/workspaces/${enc(workspaceId)}/my-data`,
};

async function send<T>(method: string, path: string, body?: { json: unknown } | { zip: Blob }): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  let payload: BodyInit | null = null;
  if (body && 'json' in body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    // Always this type: Windows calls a zip application/x-zip-compressed, other systems leave it empty.
    headers['Content-Type'] = 'application/zip';
    payload = body.zip;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (response.status === 204) return undefined as T;
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = answer as Partial<ApiErrorBody> | null;
    if (error && typeof error.error === 'string' && typeof error.message === 'string') {
      throw new ApiError(response.status, error.error, error.message);
    }
    throw new ApiError(response.status, 'internal', '');
  }
  return answer as T;
}

export const workspaceDataApi = {
  leave: (workspaceId: string) => send<void>('POST', `/api/workspaces/${enc(workspaceId)}/leave`),
  anonymiseMember: (workspaceId: string, memberId: string) =>
    send<void>('POST', `/api/workspaces/${enc(workspaceId)}/members/${enc(memberId)}/anonymise`),
  deleteWorkspace: (workspaceId: string, workspaceName: string) =>
    send<void>('DELETE', `/api/workspaces/${enc(workspaceId)}`, { json: { workspaceName } }),
  importWorkspace: (zip: Blob, person: { name: string; role: Role }) =>
    send<CreateWorkspaceResponse>('POST', `/api/workspace-imports?${new URLSearchParams(person).toString()}`, { zip }),
};
