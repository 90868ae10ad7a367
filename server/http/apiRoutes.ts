/** The HTTP API (CONTRACT.md, "HTTP API"). Handlers stay thin: validate, authorise, call Accounts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  acceptInviteBody,
  createDocumentBody,
  createInviteBody,
  createWorkspaceBody,
  exampleWorkspaceBody,
  sessionCookieName,
  SESSION_COOKIE_PREFIX,
  type AcceptInviteResponse,
  type ApiErrorCode,
  type CreateDocumentResponse,
  type CreateInviteResponse,
  type CreateWorkspaceResponse,
  type HealthResponse,
  type MembershipsResponse,
} from '../../shared/api.ts';
import { isValidId } from '../../shared/rooms.ts';
import { memberView, type Accounts, type NewSession } from '../accounts/Accounts.ts';
import type { DocumentQuota } from '../limits/DocumentQuota.ts';
import type { SessionRecord } from '../storage/Storage.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import { ApiError } from './ApiError.ts';
import { authorize, bearerToken, findCredential, isOwnOrigin } from './auth.ts';

export interface ApiOptions {
  accounts: Accounts;
  rooms: RoomRegistry;
  signup: 'open' | 'closed';
  /** Base URL for invite links, without trailing slash; derived from the request when unset. */
  publicUrl: string | undefined;
  startedAt: number;
  /** MAX_DOCUMENTS_PER_WORKSPACE (server/limits/DocumentQuota.ts); no limit when absent. */
  documentQuota?: DocumentQuota;
}

const OUR_CODES = new Set<ApiErrorCode>(['name_required', 'name_too_long', 'role_invalid', 'access_invalid']);
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message as ApiErrorCode | undefined;
  throw new ApiError(400, message && OUR_CODES.has(message) ? message : 'bad_request');
}

function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!value || !isValidId(value)) throw new ApiError(404, 'not_found');
  return value;
}

function baseUrl(options: ApiOptions, request: FastifyRequest): string {
  return options.publicUrl ?? `${request.protocol}://${request.host}`;
}

function setSessionCookie(options: ApiOptions, request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(sessionCookieName(session.workspaceId), session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: baseUrl(options, request).startsWith('https:'),
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
}

export function registerApiRoutes(app: FastifyInstance, options: ApiOptions): void {
  const { accounts } = options;

  /** The member behind the request, for a route under /api/workspaces/:workspaceId. */
  async function requireMember(request: FastifyRequest, workspaceId: string, needsEdit: boolean): Promise<SessionRecord> {
    const credential = findCredential(workspaceId, bearerToken(request.headers), request.cookies);
    const result = await authorize(accounts, workspaceId, credential);
    if (!result.ok) throw new ApiError(result.status, result.status === 401 ? 'unauthenticated' : 'forbidden');
    const changesState = request.method !== 'GET' && request.method !== 'HEAD';
    if (changesState && result.via === 'cookie' && !isOwnOrigin(request.headers.origin, request.headers.host, options.publicUrl)) {
      throw new ApiError(403, 'forbidden');
    }
    if (needsEdit && result.session.member.access !== 'edit') throw new ApiError(403, 'forbidden');
    return result.session;
  }

  app.get('/healthz', async (): Promise<HealthResponse> => {
    const stats = options.rooms.stats();
    return {
      ok: true,
      uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
      rooms: stats.rooms,
      connections: stats.connections,
    };
  });

  app.post('/api/workspaces', async (request, reply): Promise<CreateWorkspaceResponse> => {
    if (options.signup === 'closed') throw new ApiError(403, 'signup_closed');
    const body = parseBody(createWorkspaceBody, request.body);
    const session = await accounts.createWorkspace(body);
    request.log.info({ workspace: session.workspaceId, member: session.memberId }, 'workspace created');
    setSessionCookie(options, request, reply, session);
    reply.code(201);
    return { workspaceId: session.workspaceId, memberId: session.memberId, token: session.token };
  });

  /** The Westenwind example as a workspace of one's own (the start page's first-run choice). */
  app.post('/api/example-workspace', async (request, reply): Promise<CreateWorkspaceResponse> => {
    if (options.signup === 'closed') throw new ApiError(403, 'signup_closed');
    const body = parseBody(exampleWorkspaceBody, request.body);
    const session = await accounts.createExampleWorkspace(body.member);
    request.log.info({ workspace: session.workspaceId, member: session.memberId }, 'example workspace created');
    setSessionCookie(options, request, reply, session);
    reply.code(201);
    return { workspaceId: session.workspaceId, memberId: session.memberId, token: session.token };
  });

  app.get('/api/me', async (request): Promise<MembershipsResponse> => {
    const memberships: MembershipsResponse['memberships'] = [];
    for (const [name, token] of Object.entries(request.cookies)) {
      if (!name.startsWith(SESSION_COOKIE_PREFIX) || !token) continue;
      const session = await accounts.authenticate(token);
      if (session && sessionCookieName(session.workspace.id) === name) {
        memberships.push({
          workspaceId: session.workspace.id,
          workspaceName: session.workspace.name,
          member: memberView(session.member),
        });
      }
    }
    return { memberships };
  });

  app.get('/api/workspaces/:workspaceId', async (request) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), false);
    return accounts.workspaceView(session);
  });

  app.post('/api/workspaces/:workspaceId/invites', async (request, reply): Promise<CreateInviteResponse> => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const body = parseBody(createInviteBody, request.body);
    const invite = await accounts.createInvite(session, body.access);
    request.log.info({ workspace: session.workspace.id, invite: invite.id, access: body.access }, 'invite created');
    reply.code(201);
    return { id: invite.id, code: invite.code, url: `${baseUrl(options, request)}/join/${invite.code}`, access: body.access };
  });

  app.delete('/api/workspaces/:workspaceId/invites/:inviteId', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const revoked = await accounts.revokeInvite(session, idParam(request, 'inviteId'));
    if (!revoked) throw new ApiError(404, 'not_found');
    request.log.info({ workspace: session.workspace.id, invite: idParam(request, 'inviteId') }, 'invite revoked');
    return reply.code(204).send();
  });

  app.delete('/api/workspaces/:workspaceId/members/:memberId', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const memberId = idParam(request, 'memberId');
    // Nobody removes themselves, so a member with edit access always remains.
    if (memberId === session.member.id) throw new ApiError(403, 'forbidden');
    if (!(await accounts.removeMember(session, memberId))) throw new ApiError(404, 'not_found');
    // Open connections close at once, on every server process.
    const connections = options.rooms.revokeMember(memberId);
    request.log.info({ workspace: session.workspace.id, member: memberId, connections }, 'member removed');
    return reply.code(204).send();
  });

  app.post('/api/workspaces/:workspaceId/documents', async (request, reply): Promise<CreateDocumentResponse> => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const body = parseBody(createDocumentBody, request.body);
    if (options.documentQuota && !(await options.documentQuota.allowsAnother(session.workspace.id))) {
      request.log.warn({ workspace: session.workspace.id, limit: options.documentQuota.maxDocuments }, 'documents-per-workspace limit reached');
      throw new ApiError(409, 'document_limit_reached');
    }
    const created = await accounts.createDocument(session, body);
    request.log.info({ workspace: session.workspace.id, doc: created.docId, kind: created.kind }, 'document created');
    reply.code(201);
    return created;
  });

  app.get('/api/invites/:code', async (request) => {
    const code = (request.params as { code: string }).code;
    const preview = await accounts.previewInvite(code);
    if (!preview) throw new ApiError(404, 'not_found');
    return preview;
  });

  app.post('/api/invites/:code/accept', async (request, reply): Promise<AcceptInviteResponse> => {
    const code = (request.params as { code: string }).code;
    const body = parseBody(acceptInviteBody, request.body);
    const session = await accounts.acceptInvite(code, body);
    if (!session) throw new ApiError(404, 'not_found');
    request.log.info({ workspace: session.workspaceId, member: session.memberId, access: session.access }, 'invite accepted');
    setSessionCookie(options, request, reply, session);
    reply.code(201);
    return session;
  });
}
