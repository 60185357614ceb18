import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { markPublicScope } from './route-policy.ts';
import { canonicalPath } from './paths.ts';

/** Where `vite build` puts the console (web/vite.config.ts). */
export const consoleDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The operator console at /: the built single-page app, and index.html for every other page path so
 * a bookmarked /orders/12 loads. /api and /health keep their JSON 404. Served only when the console
 * has been built (`npm run build:web`; `weft start` and `weft demo` build it when missing), so an
 * API-only install runs too; / then says in words how to build it instead of a bare 404.
 */
export async function consoleRoutes(base: FastifyInstance) {
  const built = existsSync(`${consoleDist}index.html`);
  await base.register(async (app) => {
    // The built files are the console's public shell (the data behind it is all under /api).
    markPublicScope(app, '/');
    await (built ? consoleFiles(app) : consoleMissing(app));
  });
}

export const consoleMissingText =
  'The Weft console is not built in this installation: run `npm run build:web` (in a checkout with dev dependencies), then restart Weft. The API runs without it: see /api/docs.\n';

async function consoleMissing(app: FastifyInstance) {
  app.get('/', { config: { role: 'public' }, schema: { hide: true } }, (_request, reply) =>
    reply.status(404).type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(consoleMissingText),
  );
}

async function consoleFiles(app: FastifyInstance) {
  await app.register(fastifyStatic, {
    root: consoleDist,
    prefix: '/',
    // One route per built file; the page paths are answered by the fallback below.
    wildcard: false,
    // The build writes name.br and name.gz beside each text file (scripts/web-build.mjs): the plugin
    // sends the one the browser accepts (brotli first), with content-encoding and vary: accept-encoding.
    preCompressed: true,
    // Those copies are variants of their file, not files of their own: no routes for them.
    globIgnore: ['**/*.br', '**/*.gz'],
    // Our own cache-control below, instead of the plugin's max-age=0 on everything.
    cacheControl: false,
    setHeaders(reply, path) {
      // File names under assets/ carry their content hash, so they never change; index.html always may.
      // `path` is the file sent, compressed copy or not: both sit in the same folder.
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Public, so an unknown /api path without a session still answers 404 (not 401) as it did before.
  app.get('/*', { config: { role: 'public' }, schema: { hide: true } }, (request, reply) => {
    // Read as the router reads it (decoded, slashes collapsed) and in any case, so no spelling of an
    // /api path gets the app's page instead of the API's 404.
    const path = canonicalPath(request.url).toLowerCase();
    // A missing built file (an old hashed asset) is a 404, not the app's page in its place.
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/health') || path.startsWith('/assets/'))
      return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
