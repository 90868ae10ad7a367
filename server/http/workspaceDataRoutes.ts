/**
 * Routes for taking a workspace along and for personal data (README, "Take it
 * with you" and "Personal data"):
 *
 *   GET    /api/workspaces/:id/export                  edit access   the workspace as a zip
 *   POST   /api/workspace-imports?name=…&role=…       like signup   a zip (application/zip) → a new workspace
 *   GET    /api/workspaces/:id/my-data                 any member    everything about me, as JSON
 *   POST   /api/workspaces/:id/leave                   any member    leave; my name becomes "oud-lid"
 *   POST   /api/workspaces/:id/members/:mid/anonymise  edit access   remove someone, name becomes "oud-lid"
 *   DELETE /api/workspaces/:id  {"workspaceName"}      edit access   delete the workspace for good
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { memberInput, sessionCookieName } from '../../shared/api.ts';
import { isValidId } from '../../shared/rooms.ts';
import type { Accounts, NewSession } from '../accounts/Accounts.ts';
import type { SessionRecord } from '../storage/Storage.ts';
import type { WorkspaceData } from '../workspaceData/WorkspaceData.ts';
import { ImportRefused } from '../workspaceData/workspaceImport.ts';
import { ApiError } from './ApiError.ts';
import { authorize, bearerToken, findCredential, isOwnOrigin } from './auth.ts';

export interface WorkspaceDataRouteOptions {
  accounts: Accounts;
  workspaceData: WorkspaceData;
  signup: 'open' | 'closed';
  publicUrl: string | undefined;
  /** MAX_IMPORT_BYTES: the largest zip accepted. */
  maxImportBytes: number;
}

const ZIP_TYPE = 'application/zip';
/** What browsers on Windows call a zip file. */
const ZIP_TYPES = [ZIP_TYPE, 'application/x-zip-compressed'];
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

const deleteBody = z.object({ workspaceName: z.string() });

function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!value || !isValidId(value)) throw new ApiError(404, 'not_found');
  return value;
}

/** A file name people recognise: `samenspel-westenwind-2026-11-25.zip`. */
export function exportFileName(workspaceName: string, at: Date, suffix: string): string {
  const slug = workspaceName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `samenspel-${slug || 'werkruimte'}-${at.toISOString().slice(0, 10)}${suffix}`;
}

export function registerWorkspaceDataRoutes(app: FastifyInstance, options: WorkspaceDataRouteOptions): void {
  const { accounts, workspaceData } = options;
  const secureCookies = (request: FastifyRequest) => (options.publicUrl ?? request.protocol).startsWith('https');

  // The same check as the API's own routes (apiRoutes.ts): session, own origin for cookie writes, access.
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

  function endSessionCookie(reply: FastifyReply, workspaceId: string): void {
    reply.clearCookie(sessionCookieName(workspaceId), { path: '/' });
  }

  // A zip arrives as raw bytes. Browsers cannot send this type cross-site without a CORS
  // preflight (which we never answer), so the import needs no origin check.
  app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get('/api/workspaces/:workspaceId/export', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const exported = await workspaceData.exportWorkspace(session);
    request.log.info(
      { workspace: session.workspace.id, member: session.member.id, documents: exported.manifest.counts.documents, bytes: exported.zip.byteLength },
      'workspace exported',
    );
    const fileName = exportFileName(exported.workspaceName, new Date(exported.manifest.exportedAt), '.zip');
    return reply
      .type(ZIP_TYPE)
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(Buffer.from(exported.zip.buffer, exported.zip.byteOffset, exported.zip.byteLength));
  });

  app.post('/api/workspace-imports', { bodyLimit: options.maxImportBytes }, async (request, reply) => {
    if (options.signup === 'closed') throw new ApiError(403, 'signup_closed');
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ZIP_TYPES.includes(type)) throw new ApiError(415, 'import_not_zip');
    const person = memberInput.safeParse(request.query ?? {});
    if (!person.success) throw new ApiError(400, person.error.issues[0]?.message === 'role_invalid' ? 'role_invalid' : 'name_required');
    const body = request.body;
    if (!(body instanceof Buffer)) throw new ApiError(400, 'import_not_zip');
    let session: NewSession;
    try {
      session = await workspaceData.importWorkspace(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), person.data);
    } catch (error) {
      if (error instanceof ImportRefused) {
        // The reason in words for the operator; it names files, never their content.
        request.log.info({ reason: error.message, bytes: body.byteLength }, 'workspace import refused');
        throw new ApiError(error.code === 'import_too_large' ? 413 : 400, error.code);
      }
      throw error;
    }
    request.log.info({ workspace: session.workspaceId, member: session.memberId, bytes: body.byteLength }, 'workspace imported');
    reply.setCookie(sessionCookieName(session.workspaceId), session.token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: secureCookies(request),
      maxAge: COOKIE_MAX_AGE_SECONDS,
    });
    reply.code(201);
    return { workspaceId: session.workspaceId, memberId: session.memberId, token: session.token };
  });

  app.get('/api/workspaces/:workspaceId/my-data', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), false);
    const data = await workspaceData.personalData(session);
    request.log.info({ workspace: session.workspace.id, member: session.member.id }, 'personal data downloaded');
    const fileName = exportFileName(`${session.workspace.name}-mijn-gegevens`, new Date(data.exportedAt), '.json');
    return reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/api/workspaces/:workspaceId/leave', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), false);
    if ((await workspaceData.leave(session)) === 'last_editor') throw new ApiError(409, 'last_editor');
    request.log.info({ workspace: session.workspace.id, member: session.member.id }, 'member left and was anonymised');
    endSessionCookie(reply, session.workspace.id);
    return reply.code(204).send();
  });

  app.post('/api/workspaces/:workspaceId/members/:memberId/anonymise', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const memberId = idParam(request, 'memberId');
    // Oneself: that is leaving, which keeps someone with edit access.
    if (memberId === session.member.id) throw new ApiError(403, 'forbidden');
    if ((await workspaceData.anonymiseMember(session, memberId)) === 'not_found') throw new ApiError(404, 'not_found');
    request.log.info({ workspace: session.workspace.id, member: memberId, by: session.member.id }, 'member removed and anonymised');
    return reply.code(204).send();
  });

  app.delete('/api/workspaces/:workspaceId', async (request, reply) => {
    const session = await requireMember(request, idParam(request, 'workspaceId'), true);
    const body = deleteBody.safeParse(request.body ?? {});
    if (!body.success || body.data.workspaceName.trim() !== session.workspace.name.trim()) {
      throw new ApiError(400, 'confirmation_required');
    }
    const connections = await workspaceData.deleteWorkspace(session);
    request.log.info({ workspace: session.workspace.id, by: session.member.id, connections }, 'workspace deleted');
    endSessionCookie(reply, session.workspace.id);
    return reply.code(204).send();
  });
}
