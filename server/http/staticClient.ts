/**
 * Serves the built client. Every web route of CONTRACT.md (/, /join/…, /w/…)
 * answers with index.html, and the client's router takes over.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';

const APP_ROUTE = /^\/(?:$|join\/|w\/)/;

export async function registerStaticClient(app: FastifyInstance, staticDir: string, logger: Logger): Promise<boolean> {
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    logger.warn({ staticDir }, 'no built client found; run `npm run build` (npm start does it for you)');
    return false;
  }
  await app.register(fastifyStatic, {
    root: staticDir,
    wildcard: false,
    index: false,
    setHeaders: (reply, filePath) => {
      // Vite puts a content hash in every asset's name, so assets never change.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (!APP_ROUTE.test(pathname)) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
  app.get('/', async (_request, reply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html'));
  return true;
}
