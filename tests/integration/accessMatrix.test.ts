/**
 * Who gets what: every HTTP route the server registers and the collaboration
 * WebSocket, tried as each kind of outsider and insider, with each credential
 * carrier (Bearer token and session cookie). Every cell of MATRIX is what
 * CONTRACT.md and the app allow; anything else fails. The route list comes from
 * the running server itself (server/http/routeList.ts logs it), so a new route
 * without a row here fails the first test.
 *
 * A denied request must also change nothing: a denied DELETE leaves its target
 * (an invite, a member, a whole workspace), a denied POST adds no invite and
 * imports no document, a denied anonymise leaves the name, a denied leave
 * leaves the member, a view-only member's updates are never stored.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sessionCookieName, type MembershipsResponse, type WorkspaceView } from '../../shared/api.ts';
import { CloseCode, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { FORMER_MEMBER_NAME } from '../../shared/schema/formerMember.ts';
import { readDocuments, readWorkplaces } from '../../shared/schema/workspaceIndex.ts';
import { ROUTES_LOG_MESSAGE } from '../../server/http/routeList.ts';
import {
  addMember,
  apiRequest,
  collabPath,
  connectClient,
  createWorkspace,
  invite,
  POLL,
  rawSocket,
  syncStep1Message,
  syncUpdateMessage,
  textUpdate,
  type ApiResponse,
  type CollabClient,
} from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { exportZip, sqliteRows } from '../helpers/workspaceZip.ts';
import { recordFigures } from '../helpers/figures.ts';

const PERSONAS = ['nobody', 'garbage', 'revokedInvite', 'removedMember', 'otherWorkspace', 'viewOnly', 'editor'] as const;
type Persona = (typeof PERSONAS)[number];

/** What a WebSocket cell expects: an HTTP status refusing the upgrade, or an open socket that may only read, or write. */
type WsOutcome = 401 | 403 | 'read' | 'write';

const STATIC_FILE = 'GET <a file of the built client>';
const WEBSOCKET = 'UPGRADE /collab/:workspaceId/:docId';

/*
 * Personas (columns), each against workspace W:
 *   nobody          no credential at all
 *   garbage         a made-up token shaped like a real one; a made-up invite code
 *   revokedInvite   holds only an invite code of W that was revoked (tries it as token and as code)
 *   removedMember   a member of W that was removed; still holds its token and the (open) invite it came by
 *   otherWorkspace  an editor of another workspace; its token sent to W (also under W's cookie name)
 *   viewOnly        a member of W with view access; holds the view invite it came by
 *   editor          a member of W with edit access: the positive control
 *
 * The invite routes take the code, not the session: whoever holds an open code may see and accept it.
 * An invite link is for a group and stays open until revoked, so a removed member who still has an open
 * link can join again as a new member; removing someone and revoking their link are two steps (README).
 */
// prettier-ignore
const MATRIX: Record<string, readonly [number, number, number, number, number, number | WsOutcome, number | WsOutcome]> = {
  //                                                        nobody garbage revoked removed other  view   editor
  'GET /healthz':                                           [200,   200,    200,    200,    200,   200,   200],
  'POST /api/workspaces':                                   [201,   201,    201,    201,    201,   201,   201],
  'POST /api/example-workspace':                            [201,   201,    201,    201,    201,   201,   201],
  'GET /api/me':                                            [200,   200,    200,    200,    200,   200,   200],
  'GET /api/workspaces/:workspaceId':                       [401,   401,    401,    401,    403,   200,   200],
  'POST /api/workspaces/:workspaceId/invites':              [401,   401,    401,    401,    403,   403,   201],
  'DELETE /api/workspaces/:workspaceId/invites/:inviteId':  [401,   401,    401,    401,    403,   403,   204],
  'DELETE /api/workspaces/:workspaceId/members/:memberId':  [401,   401,    401,    401,    403,   403,   204],
  'POST /api/workspaces/:workspaceId/documents':            [401,   401,    401,    401,    403,   403,   201],
  'GET /api/invites/:code':                                 [404,   404,    404,    200,    404,   200,   200],
  'POST /api/invites/:code/accept':                         [404,   404,    404,    201,    404,   201,   201],
  // Issue 9: downloads for every member, readers too; taking data out or changing others needs edit access;
  // one's own data and leaving for every member; importing a zip for whoever may create a workspace (SIGNUP).
  'GET /api/workspaces/:workspaceId/documents/:docId/export.:format':
                                                            [401,   401,    401,    401,    403,   200,   200],
  'GET /api/workspaces/:workspaceId/workplaces/:workplaceId/report.:format':
                                                            [401,   401,    401,    401,    403,   200,   200],
  'POST /api/workspaces/:workspaceId/imports':              [401,   401,    401,    401,    403,   403,   201],
  'GET /api/workspaces/:workspaceId/export':                [401,   401,    401,    401,    403,   403,   200],
  'POST /api/workspace-imports':                            [201,   201,    201,    201,    201,   201,   201],
  'GET /api/workspaces/:workspaceId/my-data':               [401,   401,    401,    401,    403,   200,   200],
  'POST /api/workspaces/:workspaceId/leave':                [401,   401,    401,    401,    403,   204,   204],
  'POST /api/workspaces/:workspaceId/members/:memberId/anonymise':
                                                            [401,   401,    401,    401,    403,   403,   204],
  'DELETE /api/workspaces/:workspaceId':                    [401,   401,    401,    401,    403,   403,   204],
  'GET /':                                                  [200,   200,    200,    200,    200,   200,   200],
  'GET /*':                                                 [200,   200,    200,    200,    200,   200,   200],
  [STATIC_FILE]:                                            [200,   200,    200,    200,    200,   200,   200],
  [WEBSOCKET]:                                              [401,   401,    401,    401,    403,   'read', 'write'],
};

interface PersonaState {
  /** Sent as Bearer token or session cookie of W; null: nothing is sent. */
  token: string | null;
  /** The invite code this persona tries on the invite routes. */
  code: string;
}

type Carrier = 'bearer' | 'cookie';

interface RequestPlan {
  method: string;
  path: string;
  json?: unknown;
  /** Bytes sent as the body instead of `json`, with their content type. */
  raw?: { body: Uint8Array; contentType: string };
  /**
   * Who sends it, when not the persona of W itself: a stand-in made for this cell (see standIn), for a
   * request that uses up its sender (leave) or acts on a throwaway workspace (delete). Its cookie carries
   * the name of `workspaceId`.
   */
  sender?: { workspaceId: string; token: string | null };
  /** Checks that a denied request changed nothing (or an allowed one did what it says). */
  after?: (response: ApiResponse, allowed: boolean) => Promise<void>;
}

let server: TestServer;
let W: { workspaceId: string; memberId: string; token: string };
let other: { workspaceId: string; memberId: string; token: string };
/** W's plan and its workplace, for the downloads and the import. */
let planId: string;
let workplaceId: string;
/** A workspace export (of a small workspace of its own), sent back by every import cell. */
let exportedZip: Uint8Array;
const personas = {} as Record<Persona, PersonaState>;
const clients: CollabClient[] = [];
let cellsChecked = 0;
let denialsChecked = 0;

/** A string shaped like a real 256-bit secret (43 base64url characters) that nobody was given. */
function madeUpSecret(seed: string): string {
  return (seed.replace(/[^A-Za-z0-9]/g, '') + 'x'.repeat(43)).slice(0, 43);
}

function ownOrigin(): string {
  return `http://127.0.0.1:${server.port}`;
}

function credentialHeaders(
  persona: Persona,
  carrier: Carrier,
  method: string,
  sender: { workspaceId: string; token: string | null } = { workspaceId: W.workspaceId, token: personas[persona].token },
): Record<string, string> {
  const { token } = sender;
  if (token === null) return {};
  if (carrier === 'bearer') return { authorization: `Bearer ${token}` };
  // The browser case: the workspace's own cookie name, from our own pages (the Origin check has its own
  // tests). A browser sends no Origin with a same-origin GET or HEAD (a download link, fetch), so neither
  // do we; it always sends one with a WebSocket upgrade.
  const cookie = `${sessionCookieName(sender.workspaceId)}=${token}`;
  return method === 'GET' || method === 'HEAD' ? { cookie } : { cookie, origin: ownOrigin() };
}

async function editorView(): Promise<WorkspaceView> {
  const response = await apiRequest<WorkspaceView>(server, 'GET', `/api/workspaces/${W.workspaceId}`, { token: W.token });
  expect(response.status).toBe(200);
  return response.body;
}

const member = { name: 'Proef', role: 'other' } as const;

/** A persona's counterpart in `target`, made for one cell; memberId when it is (or was) a member there. */
async function standIn(
  persona: Persona,
  target: { workspaceId: string; token: string },
): Promise<{ token: string | null; memberId?: string; name?: string }> {
  const fresh = async (access: 'view' | 'edit', name: string) => {
    const joined = await addMember(server, target.workspaceId, target.token, access, { name, role: 'resident' });
    return { token: joined.token, memberId: joined.memberId, name };
  };
  switch (persona) {
    case 'nobody':
    case 'garbage':
    case 'otherWorkspace':
      return { token: personas[persona].token };
    case 'revokedInvite': {
      const revoked = await invite(server, target.workspaceId, target.token, 'edit');
      expect((await apiRequest(server, 'DELETE', `/api/workspaces/${target.workspaceId}/invites/${revoked.id}`, { token: target.token })).status).toBe(204);
      return { token: revoked.code };
    }
    case 'removedMember': {
      const removed = await fresh('edit', 'Weggegaan');
      const path = `/api/workspaces/${target.workspaceId}/members/${removed.memberId}`;
      expect((await apiRequest(server, 'DELETE', path, { token: target.token })).status).toBe(204);
      return removed;
    }
    case 'viewOnly':
      return fresh('view', 'Lezer');
    case 'editor':
      return fresh('edit', 'Schrijver');
  }
}

function memberName(memberId: string): string | undefined {
  return sqliteRows<{ name: string }>(server.dataDir, 'SELECT name FROM members WHERE id = ?', memberId)[0]?.name;
}

function rowCount(table: 'documents' | 'workspaces', column: 'workspace_id' | 'id', value: string): number {
  return sqliteRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`, value)[0]!.n;
}

async function signsIn(workspaceId: string, token: string): Promise<number> {
  return (await apiRequest(server, 'GET', `/api/workspaces/${workspaceId}`, { token })).status;
}

/** How each route is tried; every plan makes its own targets so cells never depend on each other. */
const PLANS: Record<string, (persona: Persona) => Promise<RequestPlan>> = {
  'GET /healthz': async () => ({ method: 'GET', path: '/healthz' }),
  'POST /api/workspaces': async () => ({
    method: 'POST',
    path: '/api/workspaces',
    json: { name: 'Eigen groep', member },
  }),
  'POST /api/example-workspace': async () => ({ method: 'POST', path: '/api/example-workspace', json: { member } }),
  'GET /api/me': async (persona) => ({
    method: 'GET',
    path: '/api/me',
    after: async (response) => {
      // Only W's own members, and only through W's cookie, see W among their memberships.
      const sees = (response.body as MembershipsResponse).memberships.some((m) => m.workspaceId === W.workspaceId);
      const isMember = persona === 'viewOnly' || persona === 'editor';
      expect(sees && !isMember, `${persona} sees W in /api/me`).toBe(false);
    },
  }),
  'GET /api/workspaces/:workspaceId': async (persona) => ({
    method: 'GET',
    path: `/api/workspaces/${W.workspaceId}`,
    after: async (response, allowed) => {
      if (!allowed) return;
      // Invites are listed by id only: their codes are secrets nobody can read back, not even an editor.
      expect(response.text).not.toMatch(/"code"/);
      expect((response.body as WorkspaceView).me.access).toBe(persona === 'editor' ? 'edit' : 'view');
    },
  }),
  'POST /api/workspaces/:workspaceId/invites': async () => {
    const before = (await editorView()).invites.length;
    return {
      method: 'POST',
      path: `/api/workspaces/${W.workspaceId}/invites`,
      json: { access: 'edit' },
      after: async (_response, allowed) => expect((await editorView()).invites.length).toBe(before + (allowed ? 1 : 0)),
    };
  },
  'DELETE /api/workspaces/:workspaceId/invites/:inviteId': async () => {
    const target = await invite(server, W.workspaceId, W.token, 'view');
    return {
      method: 'DELETE',
      path: `/api/workspaces/${W.workspaceId}/invites/${target.id}`,
      after: async (_response, allowed) => {
        const open = (await apiRequest(server, 'GET', `/api/invites/${target.code}`)).status;
        expect(open, 'the invite is still open after a denied revoke').toBe(allowed ? 404 : 200);
      },
    };
  },
  'DELETE /api/workspaces/:workspaceId/members/:memberId': async () => {
    const target = await addMember(server, W.workspaceId, W.token, 'edit', { name: 'Doelwit', role: 'resident' });
    return {
      method: 'DELETE',
      path: `/api/workspaces/${W.workspaceId}/members/${target.memberId}`,
      after: async (_response, allowed) => {
        const still = (await apiRequest(server, 'GET', `/api/workspaces/${W.workspaceId}`, { token: target.token })).status;
        expect(still, 'the member can still sign in after a denied removal').toBe(allowed ? 401 : 200);
      },
    };
  },
  'POST /api/workspaces/:workspaceId/documents': async () => ({
    method: 'POST',
    path: `/api/workspaces/${W.workspaceId}/documents`,
    json: { workplaceId: 'werkplaats', kind: 'plan', title: 'Plan' },
  }),
  'GET /api/invites/:code': async (persona) => ({ method: 'GET', path: `/api/invites/${personas[persona].code}` }),
  'POST /api/invites/:code/accept': async (persona) => ({
    method: 'POST',
    path: `/api/invites/${personas[persona].code}/accept`,
    json: member,
  }),
  'GET /api/workspaces/:workspaceId/documents/:docId/export.:format': async () => ({
    method: 'GET',
    path: `/api/workspaces/${W.workspaceId}/documents/${planId}/export.md`,
    after: async (response, allowed) => {
      if (allowed) expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    },
  }),
  // Reports come as Word or PDF only; Word needs no Chromium.
  'GET /api/workspaces/:workspaceId/workplaces/:workplaceId/report.:format': async () => ({
    method: 'GET',
    path: `/api/workspaces/${W.workspaceId}/workplaces/${workplaceId}/report.docx`,
    after: async (response, allowed) => {
      if (allowed) expect(response.headers.get('content-type')).toMatch(/wordprocessingml/);
    },
  }),
  'POST /api/workspaces/:workspaceId/imports': async () => {
    const before = rowCount('documents', 'workspace_id', W.workspaceId);
    return {
      method: 'POST',
      path: `/api/workspaces/${W.workspaceId}/imports`,
      json: {
        workplaceId,
        title: 'Plan van vorig jaar',
        content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Uit het Word-bestand' }] }] },
      },
      after: async (_response, allowed) =>
        expect(rowCount('documents', 'workspace_id', W.workspaceId), 'documents of W after an import').toBe(before + (allowed ? 1 : 0)),
    };
  },
  'GET /api/workspaces/:workspaceId/export': async () => ({
    method: 'GET',
    path: `/api/workspaces/${W.workspaceId}/export`,
    after: async (response, allowed) => {
      if (allowed) expect(response.headers.get('content-type')).toBe('application/zip');
    },
  }),
  'POST /api/workspace-imports': async () => ({
    method: 'POST',
    path: '/api/workspace-imports?name=Nieuwkomer&role=resident',
    raw: { body: exportedZip, contentType: 'application/zip' },
    after: async (response) => {
      // A new workspace, its importer its first member: whatever credential came along did not matter.
      const made = response.body as { workspaceId: string; token: string };
      expect(made.workspaceId).not.toBe(W.workspaceId);
      expect(await signsIn(made.workspaceId, made.token)).toBe(200);
    },
  }),
  'GET /api/workspaces/:workspaceId/my-data': async (persona) => ({
    method: 'GET',
    path: `/api/workspaces/${W.workspaceId}/my-data`,
    after: async (response, allowed) => {
      // Each member gets their own record, never someone else's.
      if (allowed) expect((response.body as { member: { name: string } }).member.name).toBe(persona === 'editor' ? 'Anna' : 'Gemeente');
    },
  }),
  // Leaving uses up the one who leaves: each cell sends it as a stand-in of its persona.
  'POST /api/workspaces/:workspaceId/leave': async (persona) => {
    const sender = await standIn(persona, W);
    const membersBefore = (await editorView()).members;
    return {
      method: 'POST',
      path: `/api/workspaces/${W.workspaceId}/leave`,
      sender: { workspaceId: W.workspaceId, token: sender.token },
      after: async (_response, allowed) => {
        if (allowed) {
          expect(memberName(sender.memberId!)).toBe(FORMER_MEMBER_NAME);
          expect(await signsIn(W.workspaceId, sender.token!)).toBe(401);
          return;
        }
        if (sender.memberId) expect(memberName(sender.memberId), 'the name after a denied leave').toBe(sender.name);
        expect((await editorView()).members, 'the members after a denied leave').toEqual(membersBefore);
      },
    };
  },
  'POST /api/workspaces/:workspaceId/members/:memberId/anonymise': async () => {
    const target = await addMember(server, W.workspaceId, W.token, 'edit', { name: 'Doelwit', role: 'resident' });
    return {
      method: 'POST',
      path: `/api/workspaces/${W.workspaceId}/members/${target.memberId}/anonymise`,
      after: async (_response, allowed) => {
        expect(memberName(target.memberId), 'the name after an anonymise').toBe(allowed ? FORMER_MEMBER_NAME : 'Doelwit');
        expect(await signsIn(W.workspaceId, target.token), 'the member can still sign in after a denied anonymise').toBe(allowed ? 401 : 200);
      },
    };
  },
  // Each cell deletes (or fails to delete) a throwaway workspace, sent by a stand-in of its persona there.
  'DELETE /api/workspaces/:workspaceId': async (persona) => {
    const target = await createWorkspace(server, 'Wegwerpgroep', { name: 'Bea', role: 'resident' });
    const sender = await standIn(persona, target);
    return {
      method: 'DELETE',
      path: `/api/workspaces/${target.workspaceId}`,
      json: { workspaceName: 'Wegwerpgroep' },
      sender: { workspaceId: target.workspaceId, token: sender.token },
      after: async (_response, allowed) => {
        expect(rowCount('workspaces', 'id', target.workspaceId), 'the workspace after a delete').toBe(allowed ? 0 : 1);
        expect(await signsIn(target.workspaceId, target.token)).toBe(allowed ? 401 : 200);
      },
    };
  },
  'GET /': async () => ({ method: 'GET', path: '/' }),
  // The app shell is public and holds no workspace data; the API behind it decides.
  'GET /*': async () => ({ method: 'GET', path: `/w/${W.workspaceId}/d/notities` }),
};

function isSyncStep2(message: Uint8Array): boolean {
  return message[0] === MessageType.sync && message[1] === SyncMessageType.step2;
}

function readSyncStep2(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

function staticDir(): string {
  const dir = process.env.SAMENSPEL_TEST_STATIC_DIR;
  if (!dir) throw new Error('no built client (tests/helpers/globalSetup.ts sets SAMENSPEL_TEST_STATIC_DIR)');
  return dir;
}

function isStaticFile(url: string): boolean {
  const file = path.join(staticDir(), url);
  return !url.includes(':') && !url.includes('*') && existsSync(file) && statSync(file).isFile();
}

/** The matrix row for a registered route; HEAD routes mirror their GET (fastify adds one per GET). */
function rowKeyOf(route: string): string | undefined {
  const [method, url] = route.split(' ') as [string, string];
  const asGet = method === 'HEAD' ? `GET ${url}` : route;
  if (asGet in MATRIX) return asGet;
  if ((method === 'GET' || method === 'HEAD') && isStaticFile(url)) return STATIC_FILE;
  return undefined;
}

function registeredRoutes(): string[] {
  const line = server.logs.find((entry) => entry.msg === ROUTES_LOG_MESSAGE);
  expect(line, 'the server logs its routes at debug level').toBeDefined();
  return line!.routes as string[];
}

beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: 'debug', INVITE_GUESSES_PER_MINUTE: '1000000' } });
  W = await createWorkspace(server, 'Westenwind', { name: 'Anna', role: 'resident' });
  other = await createWorkspace(server, 'Elders', { name: 'Otto', role: 'other' });

  const revoked = await invite(server, W.workspaceId, W.token, 'edit');
  expect((await apiRequest(server, 'DELETE', `/api/workspaces/${W.workspaceId}/invites/${revoked.id}`, { token: W.token })).status).toBe(204);

  const removedInvite = await invite(server, W.workspaceId, W.token, 'edit');
  const removed = await apiRequest<{ memberId: string; token: string }>(server, 'POST', `/api/invites/${removedInvite.code}/accept`, {
    json: { name: 'Rik', role: 'resident' },
  });
  expect((await apiRequest(server, 'DELETE', `/api/workspaces/${W.workspaceId}/members/${removed.body.memberId}`, { token: W.token })).status).toBe(204);

  const viewInvite = await invite(server, W.workspaceId, W.token, 'view');
  const viewer = await apiRequest<{ token: string }>(server, 'POST', `/api/invites/${viewInvite.code}/accept`, {
    json: { name: 'Gemeente', role: 'other' },
  });
  const editorInvite = await invite(server, W.workspaceId, W.token, 'edit');

  const source = await createWorkspace(server, 'Meeneemgroep', { name: 'Nieuwkomer', role: 'resident' });
  exportedZip = await exportZip(server, source.workspaceId, source.token);

  Object.assign(personas, {
    nobody: { token: null, code: madeUpSecret('nobodysguess') },
    garbage: { token: madeUpSecret('garbagetoken'), code: madeUpSecret('garbagecode') },
    revokedInvite: { token: revoked.code, code: revoked.code },
    removedMember: { token: removed.body.token, code: removedInvite.code },
    otherWorkspace: { token: other.token, code: madeUpSecret('otherguess') },
    viewOnly: { token: viewer.body.token, code: viewInvite.code },
    editor: { token: W.token, code: editorInvite.code },
  } satisfies Record<Persona, PersonaState>);

  // The document every WebSocket cell opens, with text only the editor wrote.
  const writer = connectClient({ server, workspaceId: W.workspaceId, docId: 'notities', token: W.token });
  clients.push(writer);
  await writer.synced;
  writer.doc.getText('body').insert(0, 'van de schrijver');

  const index = connectClient({ server, workspaceId: W.workspaceId, docId: 'index', token: W.token });
  clients.push(index);
  await index.synced;
  planId = readDocuments(index.doc).find((entry) => entry.kind === 'plan')!.id;
  workplaceId = readWorkplaces(index.doc)[0]!.id;
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  recordFigures('accessMatrix', { cellsChecked, denialsChecked });
  await server?.stop();
});

describe('access matrix', () => {
  it('every route the server registers has a row in the matrix, and every row is a registered route', () => {
    const routes = registeredRoutes();
    const missing = routes.filter((route) => rowKeyOf(route) === undefined);
    expect(missing, 'routes without a row in MATRIX: add one').toEqual([]);
    const covered = new Set(routes.map(rowKeyOf));
    const unused = Object.keys(MATRIX).filter((key) => key !== WEBSOCKET && !covered.has(key));
    expect(unused, 'rows for routes the server does not register').toEqual([]);
  });

  it('every HTTP route answers each persona, with token and with cookie, exactly as the matrix says', async () => {
    const failures: string[] = [];
    for (const route of registeredRoutes()) {
      const key = rowKeyOf(route);
      if (!key) continue; // reported by the first test
      const [method, url] = route.split(' ') as [string, string];
      for (const [column, persona] of PERSONAS.entries()) {
        const expected = MATRIX[key]![column] as number;
        for (const carrier of ['bearer', 'cookie'] as const) {
          if (carrier === 'cookie' && personas[persona].token === null) continue;
          const plan: RequestPlan = key === STATIC_FILE ? { method, path: url } : await PLANS[key]!(persona);
          const sent = method === 'HEAD' ? 'HEAD' : plan.method;
          const response = await apiRequest(server, sent, plan.path, {
            ...(plan.json !== undefined && { json: plan.json }),
            ...(plan.raw && { rawBody: plan.raw.body }),
            headers: {
              ...credentialHeaders(persona, carrier, sent, plan.sender),
              ...(plan.raw && { 'content-type': plan.raw.contentType }),
            },
          });
          cellsChecked++;
          if (expected >= 400) denialsChecked++;
          if (response.status !== expected) {
            failures.push(`${route} as ${persona} (${carrier}): expected ${expected}, got ${response.status} ${response.text.slice(0, 120)}`);
            continue;
          }
          if (method !== 'HEAD') await plan.after?.(response, expected < 400);
          if (expected >= 400 && method !== 'HEAD') {
            const body = response.body as { error?: unknown; message?: unknown } | undefined;
            expect(typeof body?.error === 'string' && typeof body.message === 'string', `${route} ${persona}: {error, message}`).toBe(true);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(server.logs.filter((line) => line.level === 'error')).toEqual([]);
  }, 60_000);

  it('the WebSocket: outsiders are refused at the upgrade; view-only reads but its updates are never stored; an editor writes', async () => {
    const path = collabPath(W.workspaceId, 'notities');
    for (const [column, persona] of PERSONAS.entries()) {
      const expected = MATRIX[WEBSOCKET]![column] as WsOutcome;
      for (const carrier of ['bearer', 'cookie'] as const) {
        const { token } = personas[persona];
        if (carrier === 'cookie' && token === null) continue;
        const socket =
          carrier === 'bearer'
            ? rawSocket(server, path, token === null ? {} : { token })
            : rawSocket(server, path, { headers: credentialHeaders(persona, 'cookie', 'UPGRADE') });
        cellsChecked++;
        if (typeof expected === 'number') {
          denialsChecked++;
          expect(await socket.refused(), `${persona} (${carrier})`).toBe(expected);
          continue;
        }
        await socket.opened();
        // Reads: the server's own step 1 and the answer to ours carry the document.
        const reader = new Y.Doc();
        const marker = `${persona}-${carrier}`;
        socket.ws.send(syncUpdateMessage(textUpdate(marker, 'body')));
        socket.ws.send(syncStep1Message(reader));
        // The answer to our step 1 (a step 2) comes only after the update before it was handled.
        await expect.poll(() => socket.messages.find(isSyncStep2), POLL).toBeDefined();
        Y.applyUpdate(reader, readSyncStep2(socket.messages.find(isSyncStep2)!));
        expect(reader.getText('body').toString(), `${persona} reads the document`).toContain('van de schrijver');
        const late = connectClient({ server, workspaceId: W.workspaceId, docId: 'notities', token: W.token });
        clients.push(late);
        await late.synced;
        const text = late.doc.getText('body').toString();
        expect(text).toContain('van de schrijver');
        if (expected === 'read') {
          denialsChecked++;
          expect(text, 'a view-only update reached the document').not.toContain(marker);
        } else {
          await expect.poll(() => late.doc.getText('body').toString(), POLL).toContain(marker);
        }
        socket.ws.close();
        await socket.closed;
      }
    }
  });

  it("a removed member's open sockets, in several documents, all close within a second of the removal", async () => {
    const target = await addMember(server, W.workspaceId, W.token, 'edit', { name: 'Vertrekker', role: 'professional' });
    const sockets = ['notities', 'plan-a', 'plan-b', 'besluiten'].map((docId) =>
      connectClient({ server, workspaceId: W.workspaceId, docId, token: target.token }),
    );
    clients.push(...sockets);
    await Promise.all(sockets.map((client) => client.synced));
    const closedAt = new Map<number, number>();
    sockets.forEach((client, index) =>
      client.provider.on('connection-close', (event) => {
        if (event?.code === CloseCode.accessRevoked && !closedAt.has(index)) closedAt.set(index, performance.now());
      }),
    );

    const removedAt = performance.now();
    const response = await apiRequest(server, 'DELETE', `/api/workspaces/${W.workspaceId}/members/${target.memberId}`, { token: W.token });
    expect(response.status).toBe(204);
    await expect.poll(() => closedAt.size, POLL).toBe(sockets.length);
    const slowest = Math.max(...closedAt.values()) - removedAt;
    recordFigures('removalClose', { sockets: sockets.length, slowestMs: Math.round(slowest) });
    console.log(`removed member: ${sockets.length} sockets closed, the last ${slowest.toFixed(1)} ms after the DELETE was sent`);
    expect(slowest).toBeLessThan(1000);
    // And they stay out: a new upgrade with the same token is refused.
    expect(await rawSocket(server, collabPath(W.workspaceId, 'notities'), { token: target.token }).refused()).toBe(401);
    for (const client of sockets) client.destroy();
  });
});
