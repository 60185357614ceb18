import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';

/**
 * How a request path may be spelled. The router already treats `//api//x` as `/api/x` (ignoreDuplicateSlashes)
 * and decodes percent-encoded letters before matching (`/%61pi/x` is `/api/x`), so those reach the same
 * route with the same policy; paths are case-sensitive, so `/API/x` matches nothing. Dot segments are
 * refused here: browsers resolve them before sending, so only a hand-made request has them, and no route
 * should have to wonder what `/api/x/../y` means.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The path of a URL as the router sees it: no query, percent-decoded, runs of slashes as one. */
export function canonicalPath(url: string): string {
  const path = url.split('?')[0].replace(/\/{2,}/g, '/');
  return path.split('/').map(decodeSegment).join('/');
}

const hasDotSegment = (url: string) =>
  url
    .split('?')[0]
    .split('/')
    .some((segment) => {
      const decoded = decodeSegment(segment);
      return decoded === '.' || decoded === '..';
    });

/** Refuses dot segments before anything else runs (the first onRequest hook). */
export function refuseDotSegments(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (hasDotSegment(request.url)) {
      throw new AppError(
        'invalid',
        `The path ${request.url.split('?')[0]} has "." or ".." segments: send the path without them.`,
      );
    }
  });
}
