/**
 * Collects every route the app registers and logs the list once it is ready (at
 * debug level). The access matrix test (tests/integration/accessMatrix.test.ts)
 * reads that line from the real server, so a route added without an entry in
 * the matrix fails the test instead of going unchecked.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';

export const ROUTES_LOG_MESSAGE = 'http routes registered';

/** Call right after creating the app, before any route is registered. */
export function logRegisteredRoutes(app: FastifyInstance, logger: Logger): void {
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push(`${method} ${route.url}`);
  });
  app.addHook('onReady', async () => {
    logger.debug({ routes }, ROUTES_LOG_MESSAGE);
  });
}
