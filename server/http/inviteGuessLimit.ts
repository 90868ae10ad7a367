/**
 * Rate limit on guessing invite codes (GET /api/invites/:code and POST
 * /api/invites/:code/accept): every answer 404 (unknown or revoked code) costs
 * the asking address a token; with none left, both routes answer 429 for that
 * address until tokens refill (INVITE_GUESSES_PER_MINUTE), whatever the code.
 * Known codes cost nothing, so a coalition whose members join from one office
 * address is not slowed down. Codes are 256-bit secrets already; this keeps a
 * scan from costing the database and the logs anything.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiErrorBody } from '../../shared/api.ts';
import { apiMessage, languageFromHeader } from '../../shared/apiMessages.ts';
import type { Logger } from '../logger.ts';
import { KeyedRateLimiter } from '../limits/KeyedRateLimiter.ts';

const INVITE_ROUTES = new Set(['/api/invites/:code', '/api/invites/:code/accept']);

export function registerInviteGuessLimit(app: FastifyInstance, guessesPerMinute: number, logger: Logger): void {
  const limiter = new KeyedRateLimiter({ ratePerSecond: guessesPerMinute / 60, capacity: guessesPerMinute });

  app.addHook('onRequest', async (request, reply) => {
    if (!INVITE_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (!limiter.isLimited(request.ip)) return;
    logger.warn({ limit: guessesPerMinute }, 'too many unknown invite codes from one address; refused');
    const body: ApiErrorBody = {
      error: 'too_many_requests',
      message: apiMessage('too_many_requests', languageFromHeader(request.headers['accept-language'])),
    };
    return reply.code(429).header('Retry-After', '60').send(body);
  });

  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 404 && INVITE_ROUTES.has(request.routeOptions.url ?? '')) limiter.take(request.ip);
  });
}
