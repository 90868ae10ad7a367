/**
 * Who is asking: a bearer token (`Authorization: Bearer …`), a `token` query
 * parameter (WebSocket clients that cannot set headers), or the session cookie
 * of the workspace in question (browsers). An explicit token wins over a cookie.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { sessionCookieName } from '../../shared/api.ts';
import type { Accounts } from '../accounts/Accounts.ts';
import type { SessionRecord } from '../storage/Storage.ts';

export type Credential = { kind: 'token'; token: string } | { kind: 'cookie'; token: string };

export type AuthResult =
  | { ok: true; session: SessionRecord; via: Credential['kind'] }
  | { ok: false; status: 401 | 403 };

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export function findCredential(
  workspaceId: string,
  explicitToken: string | null,
  cookies: Record<string, string | undefined>,
): Credential | null {
  if (explicitToken) return { kind: 'token', token: explicitToken };
  const cookie = cookies[sessionCookieName(workspaceId)];
  return cookie ? { kind: 'cookie', token: cookie } : null;
}

/** 401 without a valid session, 403 for a valid session of another workspace. */
export async function authorize(
  accounts: Accounts,
  workspaceId: string,
  credential: Credential | null,
): Promise<AuthResult> {
  if (!credential) return { ok: false, status: 401 };
  const session = await accounts.authenticate(credential.token);
  if (!session) return { ok: false, status: 401 };
  if (session.workspace.id !== workspaceId) return { ok: false, status: 403 };
  return { ok: true, session, via: credential.kind };
}

/**
 * Cookies ride along with cross-site requests, so a cookie-authenticated
 * WebSocket upgrade or state-changing request must come from our own pages:
 * the Origin must be the server's own (its Host) or PUBLIC_URL's.
 */
export function isOwnOrigin(origin: string | undefined, host: string | undefined, publicUrl: string | undefined): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && parsed.origin === new URL(publicUrl).origin) return true;
  return host !== undefined && parsed.host === host && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}
