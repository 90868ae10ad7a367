/**
 * CONTRACT.md, "HTTP API": JSON in, JSON out; errors are `{error, message}` with a
 * readable Dutch or English text and a 4xx status; the session cookie is HttpOnly
 * and SameSite=Lax; invites need an editor; revoked and unknown codes are 404.
 * Every answer in this file is recorded, and the last test checks none was a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, ApiErrorCode, HealthResponse, WorkspaceView } from '../../shared/api.ts';
import { apiMessage } from '../../shared/apiMessages.ts';
import {
  apiRequest as request,
  collabPath,
  createWorkspace,
  invite,
  POLL,
  rawSocket,
  type ApiRequestOptions,
  type ApiResponse,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const answers: { method: string; path: string; status: number }[] = [];
let server: TestServer;

/** Every request of this file goes through here, so the last test can look at all answers. */
async function api<T = unknown>(method: string, path: string, options: ApiRequestOptions = {}, on = server) {
  const response = await request<T>(on, method, path, options);
  answers.push({ method, path, status: response.status });
  return response;
}

/** A 4xx answer in the contract's error shape, with a readable text and no internals. */
function expectApiError(response: ApiResponse, status: number | 'any4xx', code?: ApiErrorCode): ApiErrorBody {
  if (status === 'any4xx') {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  } else {
    expect(response.status).toBe(status);
  }
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = response.body as ApiErrorBody;
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  if (code) expect(body.error).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(5);
  expect(response.text).not.toMatch(/\bat \S+ \(|node:internal|\.ts:\d+|SyntaxError|ZodError|stack/);
  return body;
}

const founder = { name: 'Anna', role: 'resident' } as const;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('POST /api/workspaces', () => {
  it('creates a workspace: 201 with workspaceId, memberId and token', async () => {
    const response = await api<Record<string, unknown>>('POST', '/api/workspaces', {
      json: { name: 'Buurtgroep', member: founder },
    });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['memberId', 'token', 'workspaceId']);
    expect(response.body.workspaceId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(response.body.memberId).toEqual(expect.any(String));
    expect(response.body.token).toEqual(expect.any(String));
  });

  it('sets a session cookie that is HttpOnly and SameSite=Lax', async () => {
    const response = await api<{ workspaceId: string; token: string }>('POST', '/api/workspaces', {
      json: { name: 'Buurtgroep', member: founder },
    });
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith(`samenspel_${response.body.workspaceId}=`));
    expect(session, `Set-Cookie: ${cookies.join(' | ')}`).toBeDefined();
    expect(session).toContain(`=${response.body.token}`);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  it('the session cookie authenticates API requests', async () => {
    const created = await api<{ workspaceId: string }>('POST', '/api/workspaces', {
      json: { name: 'Koekjes', member: founder },
    });
    const cookie = created.headers.getSetCookie()[0]!.split(';')[0]!;
    const view = await api<WorkspaceView>('GET', `/api/workspaces/${created.body.workspaceId}`, { headers: { cookie } });
    expect(view.status).toBe(200);
    expect(view.body.name).toBe('Koekjes');
  });

  it('malformed JSON answers 400 {error, message} with a readable text and no stack trace', async () => {
    const response = await api('POST', '/api/workspaces', {
      rawBody: '{"name": "Buurtgroep", "member": {',
      headers: { 'content-type': 'application/json' },
    });
    expectApiError(response, 400, 'bad_request');
  });

  it('a missing name answers 400 name_required', async () => {
    expectApiError(await api('POST', '/api/workspaces', { json: { member: founder } }), 400, 'name_required');
    expectApiError(await api('POST', '/api/workspaces', { json: { name: '   ', member: founder } }), 400, 'name_required');
  });

  it('a missing member answers 400', async () => {
    expectApiError(await api('POST', '/api/workspaces', { json: { name: 'Buurtgroep' } }), 400);
  });

  it("role 'admin' answers 400 role_invalid", async () => {
    const response = await api('POST', '/api/workspaces', {
      json: { name: 'Buurtgroep', member: { name: 'Anna', role: 'admin' } },
    });
    expectApiError(response, 400, 'role_invalid');
  });

  it('a name of 500 characters answers 400 name_too_long', async () => {
    const long = 'x'.repeat(500);
    expectApiError(await api('POST', '/api/workspaces', { json: { name: long, member: founder } }), 400, 'name_too_long');
    expectApiError(
      await api('POST', '/api/workspaces', { json: { name: 'Buurtgroep', member: { name: long, role: 'resident' } } }),
      400,
      'name_too_long',
    );
  });

  it('a body that is not an object answers 400', async () => {
    for (const body of [[], 'Buurtgroep', 42, null]) {
      expectApiError(await api('POST', '/api/workspaces', { json: body }), 400);
    }
  });

  it('a body that is not JSON (wrong content type) answers 4xx with a readable text', async () => {
    const plain = await api('POST', '/api/workspaces', {
      rawBody: JSON.stringify({ name: 'Buurtgroep', member: founder }),
      headers: { 'content-type': 'text/plain' },
    });
    expectApiError(plain, 'any4xx');
    const xml = await api('POST', '/api/workspaces', {
      rawBody: '<workspace name="Buurtgroep"/>',
      headers: { 'content-type': 'application/xml' },
    });
    expectApiError(xml, 415, 'unsupported_media_type');
  });

  it('errors are Dutch by default and English with Accept-Language: en', async () => {
    const dutch = await api('POST', '/api/workspaces', { json: { member: founder } });
    expect(expectApiError(dutch, 400, 'name_required').message).toBe(apiMessage('name_required', 'nl'));
    const english = await api('POST', '/api/workspaces', {
      json: { member: founder },
      headers: { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' },
    });
    expect(expectApiError(english, 400, 'name_required').message).toBe(apiMessage('name_required', 'en'));
    expect(apiMessage('name_required', 'en')).not.toBe(apiMessage('name_required', 'nl'));
  });

  it('SIGNUP=closed answers 403 signup_closed', async () => {
    const closed = await startServer({ env: { SIGNUP: 'closed' } });
    try {
      const response = await api('POST', '/api/workspaces', { json: { name: 'Buurtgroep', member: founder } }, closed);
      expectApiError(response, 403, 'signup_closed');
    } finally {
      await closed.stop();
    }
  });
});

describe('invites', () => {
  let workspace: { workspaceId: string; memberId: string; token: string };
  let elsewhere: { workspaceId: string; memberId: string; token: string };

  beforeAll(async () => {
    workspace = await createWorkspace(server, 'Speeltuin', { name: 'Anna', role: 'resident' });
    elsewhere = await createWorkspace(server, 'Elders', { name: 'Otto', role: 'other' });
  });

  const invitesPath = () => `/api/workspaces/${workspace.workspaceId}/invites`;

  it('creating an invite without authentication answers 401', async () => {
    expectApiError(await api('POST', invitesPath(), { json: { access: 'edit' } }), 401, 'unauthenticated');
  });

  it('creating an invite as a view-only member answers 403', async () => {
    const { code } = await invite(server, workspace.workspaceId, workspace.token, 'view');
    const viewer = await api<{ token: string; access: string }>('POST', `/api/invites/${code}/accept`, {
      json: { name: 'Vera', role: 'professional' },
    });
    expect(viewer.body.access).toBe('view');
    expectApiError(
      await api('POST', invitesPath(), { token: viewer.body.token, json: { access: 'view' } }),
      403,
      'forbidden',
    );
  });

  it('creating an invite with the token of another workspace answers 403', async () => {
    expectApiError(await api('POST', invitesPath(), { token: elsewhere.token, json: { access: 'edit' } }), 403, 'forbidden');
  });

  it('creating an invite with an invalid access answers 400 access_invalid', async () => {
    expectApiError(
      await api('POST', invitesPath(), { token: workspace.token, json: { access: 'admin' } }),
      400,
      'access_invalid',
    );
  });

  it('an editor creates an invite: 201 {code, url} with url ending in /join/<code>', async () => {
    const response = await api<{ code: string; url: string }>('POST', invitesPath(), {
      token: workspace.token,
      json: { access: 'edit' },
    });
    expect(response.status).toBe(201);
    expect(response.body.code).toEqual(expect.any(String));
    expect(response.body.url.endsWith(`/join/${response.body.code}`)).toBe(true);
    expect(() => new URL(response.body.url)).not.toThrow();
  });

  it('accepting an invite answers 201 with workspaceId, memberId, token and access, and sets the cookie', async () => {
    const { code } = await invite(server, workspace.workspaceId, workspace.token, 'edit');
    const response = await api<Record<string, unknown>>('POST', `/api/invites/${code}/accept`, {
      json: { name: 'Erik', role: 'professional' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      workspaceId: workspace.workspaceId,
      memberId: expect.any(String),
      token: expect.any(String),
      access: 'edit',
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`samenspel_${workspace.workspaceId}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    // The new token works.
    const view = await api('GET', `/api/workspaces/${workspace.workspaceId}`, { token: response.body.token as string });
    expect(view.status).toBe(200);
  });

  it('accepting an invite with invalid member data answers 400', async () => {
    const { code } = await invite(server, workspace.workspaceId, workspace.token, 'edit');
    expectApiError(
      await api('POST', `/api/invites/${code}/accept`, { json: { name: 'Erik', role: 'admin' } }),
      400,
      'role_invalid',
    );
    expectApiError(await api('POST', `/api/invites/${code}/accept`, { json: { role: 'other' } }), 400, 'name_required');
  });

  it('accepting an unknown code answers 404', async () => {
    const lookalike = 'B'.repeat(43);
    expectApiError(
      await api('POST', `/api/invites/${lookalike}/accept`, { json: { name: 'Erik', role: 'other' } }),
      404,
      'not_found',
    );
    expectApiError(
      await api('POST', '/api/invites/nope/accept', { json: { name: 'Erik', role: 'other' } }),
      404,
      'not_found',
    );
  });

  it('a revoked invite (DELETE …/invites/:inviteId → 204) answers 404 on accept', async () => {
    const created = await invite(server, workspace.workspaceId, workspace.token, 'edit');
    const revoked = await api('DELETE', `${invitesPath()}/${created.id}`, { token: workspace.token });
    expect(revoked.status).toBe(204);
    expectApiError(
      await api('POST', `/api/invites/${created.code}/accept`, { json: { name: 'Erik', role: 'other' } }),
      404,
      'not_found',
    );
  });

  it('GET /api/workspaces/:id shows its members with their access', async () => {
    const { code } = await invite(server, workspace.workspaceId, workspace.token, 'view');
    const joined = await api<{ memberId: string }>('POST', `/api/invites/${code}/accept`, {
      json: { name: 'Wim', role: 'other' },
    });
    const response = await api<WorkspaceView>('GET', `/api/workspaces/${workspace.workspaceId}`, {
      token: workspace.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(workspace.workspaceId);
    expect(response.body.name).toBe('Speeltuin');
    expect(response.body.me).toEqual({ id: workspace.memberId, name: 'Anna', role: 'resident', access: 'edit' });
    expect(response.body.members).toEqual(
      expect.arrayContaining([
        { id: workspace.memberId, name: 'Anna', role: 'resident', access: 'edit' },
        { id: joined.body.memberId, name: 'Wim', role: 'other', access: 'view' },
      ]),
    );
  });

  it('GET /api/workspaces/:id without authentication answers 401, with a foreign token 403', async () => {
    expectApiError(await api('GET', `/api/workspaces/${workspace.workspaceId}`), 401, 'unauthenticated');
    expectApiError(
      await api('GET', `/api/workspaces/${workspace.workspaceId}`, { token: elsewhere.token }),
      403,
      'forbidden',
    );
  });
});

describe('GET /healthz', () => {
  it('answers {ok: true, uptimeSeconds, rooms, connections}', async () => {
    const response = await api<HealthResponse>('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ok: true,
      uptimeSeconds: expect.any(Number),
      rooms: expect.any(Number),
      connections: expect.any(Number),
    });
    expect(response.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('counts an open collaboration connection, and stops counting it once closed', async () => {
    const connections = async () => (await api<HealthResponse>('GET', '/healthz')).body.connections;
    const before = await connections();
    const { workspaceId, token } = await createWorkspace(server);
    const socket = rawSocket(server, collabPath(workspaceId, 'health'), { token });
    await socket.opened();
    await expect.poll(connections, POLL).toBe(before + 1);
    socket.ws.close();
    await socket.closed;
    await expect.poll(connections, POLL).toBe(before);
  });
});

describe('no 5xx', () => {
  it('no request in this file was answered with a 5xx, and the server logged no error', () => {
    expect(answers.length).toBeGreaterThan(30);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(server.logs.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  });
});
