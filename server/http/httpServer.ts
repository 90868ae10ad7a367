/** The Fastify app: API, static client, security headers, and a uniform error answer. */
import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api.ts';
import { apiMessage, languageFromHeader } from '../../shared/apiMessages.ts';
import type { Logger } from '../logger.ts';
import { ApiError } from './ApiError.ts';
import { registerApiRoutes, type ApiOptions } from './apiRoutes.ts';
import { registerInviteGuessLimit } from './inviteGuessLimit.ts';
import { logRegisteredRoutes } from './routeList.ts';
import { registerSecurityHeaders } from './securityHeaders.ts';
import { registerStaticClient } from './staticClient.ts';

export interface HttpServerOptions extends ApiOptions {
  logger: Logger;
  staticDir: string;
  /** Largest request body (MAX_BODY_BYTES); a larger one gets 413. */
  maxBodyBytes: number;
  /** Unknown invite codes one address may try per minute (INVITE_GUESSES_PER_MINUTE). */
  inviteGuessesPerMinute: number;
}

/** Maps Fastify's own errors (bad JSON, wrong content type, too large) to our codes. */
function codeOf(error: FastifyError): { status: number; code: ApiErrorCode } {
  if (error instanceof ApiError) return { status: error.status, code: error.code };
  const status = error.statusCode ?? 500;
  if (status === 413) return { status, code: 'payload_too_large' };
  if (status === 415) return { status, code: 'unsupported_media_type' };
  if (status === 404) return { status, code: 'not_found' };
  if (status >= 400 && status < 500) return { status, code: 'bad_request' };
  return { status: 500, code: 'internal' };
}

export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Requests are not logged one by one (URLs may carry invite codes); errors are.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.maxBodyBytes,
    trustProxy: false,
  });
  logRegisteredRoutes(app, options.logger.child({ component: 'http' }));
  await app.register(fastifyCookie);
  registerSecurityHeaders(app);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code } = codeOf(error);
    if (status >= 500) request.log.error({ err: error, url: request.routeOptions.url }, 'request failed');
    const body: ApiErrorBody = { error: code, message: apiMessage(code, languageFromHeader(request.headers['accept-language'])) };
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = {
      error: 'not_found',
      message: apiMessage('not_found', languageFromHeader(request.headers['accept-language'])),
    };
    return reply.code(404).send(body);
  });

  registerInviteGuessLimit(app, options.inviteGuessesPerMinute, options.logger.child({ component: 'http' }));
  registerApiRoutes(app, options);
  await registerStaticClient(app, options.staticDir, options.logger);
  return app;
}
