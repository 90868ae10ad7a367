/**
 * Session cookies and the Origin check that goes with them (README, "Decisions
 * worth knowing", Sessions). Every session cookie is HttpOnly and SameSite=Lax;
 * it is Secure exactly when PUBLIC_URL is https. A cookie rides along with
 * requests from any site, so a cookie-authenticated WebSocket upgrade or API
 * change must come from our own origin (the server's Host, or PUBLIC_URL);
 * a token given explicitly is not ambient and needs no Origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../shared/api.ts';
import { apiRequest, collabPath, createWorkspace, invite, rawSocket, type ApiResponse } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const PUBLIC = 'https://samenspel.example';
const member = { name: 'Fatma', role: 'resident' } as const;

let plain: TestServer;
let behindHttps: TestServer;

beforeAll(async () => {
  [plain, behindHttps] = await Promise.all([startServer(), startServer({ env: { PUBLIC_URL: PUBLIC } })]);
});

afterAll(async () => {
  await Promise.all([plain?.stop(), behindHttps?.stop()]);
});

/** The session cookies an answer sets, one Set-Cookie line each. */
function sessionCookies(response: ApiResponse): string[] {
  return response.headers.getSetCookie().filter((line) => line.startsWith('samenspel_'));
}

/** Every answer that signs someone in: a new workspace, the example workspace, an accepted invite. */
async function signIns(server: TestServer): Promise<ApiResponse[]> {
  const created = await apiRequest<{ workspaceId: string; token: string }>(server, 'POST', '/api/workspaces', {
    json: { name: 'Buurtkamer', member },
  });
  const example = await apiRequest(server, 'POST', '/api/example-workspace', { json: { member } });
  const { code } = await invite(server, created.body.workspaceId, created.body.token, 'view');
  const accepted = await apiRequest(server, 'POST', `/api/invites/${code}/accept`, { json: member });
  for (const response of [created, example, accepted]) expect(response.status).toBe(201);
  return [created, example, accepted];
}

describe('session cookies', () => {
  it('are HttpOnly and SameSite=Lax, and not Secure when PUBLIC_URL is http (or unset)', async () => {
    for (const response of await signIns(plain)) {
      const [cookie, ...more] = sessionCookies(response);
      expect(more).toEqual([]);
      expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
      expect(cookie).not.toMatch(/;\s*Secure(;|$)/i);
    }
  });

  it('are also Secure when PUBLIC_URL is https, so a browser never sends them over plain HTTP', async () => {
    for (const response of await signIns(behindHttps)) {
      const [cookie] = sessionCookies(response);
      expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
      expect(cookie).toMatch(/;\s*Secure(;|$)/i);
    }
  });
});

describe('Origin check for cookie sessions', () => {
  let home: { workspaceId: string; token: string };
  let httpsHome: { workspaceId: string; token: string };

  beforeAll(async () => {
    home = await createWorkspace(plain, 'Thuis');
    httpsHome = await createWorkspace(behindHttps, 'Thuis');
  });

  function cookieUpgrade(server: TestServer, workspace: { workspaceId: string; token: string }, origin: string | undefined) {
    return rawSocket(server, collabPath(workspace.workspaceId, 'notities'), {
      headers: {
        Cookie: `${sessionCookieName(workspace.workspaceId)}=${workspace.token}`,
        ...(origin !== undefined && { Origin: origin }),
      },
    });
  }

  async function opens(socket: ReturnType<typeof rawSocket>): Promise<void> {
    await socket.opened();
    socket.ws.close();
    await socket.closed;
  }

  it('a cookie upgrade without an Origin, with Origin "null", or from a look-alike or other port is refused with 403', async () => {
    const port = plain.port;
    const foreign = [undefined, 'null', `http://127.0.0.1:${port + 1}`, `http://127.0.0.1.evil.example:${port}`, `http://evil.example`, 'not a url'];
    for (const origin of foreign) {
      expect(await cookieUpgrade(plain, home, origin).refused(), `Origin ${origin}`).toBe(403);
    }
    await opens(cookieUpgrade(plain, home, `http://127.0.0.1:${port}`));
  });

  it('behind https, the Origin of PUBLIC_URL opens a cookie upgrade; the same host over http does not', async () => {
    await opens(cookieUpgrade(behindHttps, httpsHome, PUBLIC));
    expect(await cookieUpgrade(behindHttps, httpsHome, 'http://samenspel.example').refused()).toBe(403);
    expect(await cookieUpgrade(behindHttps, httpsHome, 'https://samenspel.example.evil.example').refused()).toBe(403);
  });

  it('an explicit token needs no Origin: scripts and other Yjs clients connect from anywhere', async () => {
    await opens(rawSocket(plain, collabPath(home.workspaceId, 'notities'), { token: home.token, headers: { Origin: 'http://evil.example' } }));
  });

  it('an API change with a cookie from a foreign Origin, or none, is refused with 403 and changes nothing; reading is allowed', async () => {
    const cookie = `${sessionCookieName(home.workspaceId)}=${home.token}`;
    const path = `/api/workspaces/${home.workspaceId}/invites`;
    const invitesBefore = (await apiRequest<{ invites: unknown[] }>(plain, 'GET', `/api/workspaces/${home.workspaceId}`, { token: home.token })).body.invites.length;
    for (const origin of [undefined, 'http://evil.example', 'null']) {
      const response = await apiRequest(plain, 'POST', path, {
        json: { access: 'edit' },
        headers: { cookie, ...(origin !== undefined && { origin }) },
      });
      expect(response.status, `Origin ${origin}`).toBe(403);
    }
    const view = await apiRequest<{ invites: unknown[] }>(plain, 'GET', `/api/workspaces/${home.workspaceId}`, { headers: { cookie } });
    expect(view.status).toBe(200);
    expect(view.body.invites).toHaveLength(invitesBefore);
    const own = await apiRequest(plain, 'POST', path, { json: { access: 'edit' }, headers: { cookie, origin: plain.url } });
    expect(own.status).toBe(201);
  });
});
