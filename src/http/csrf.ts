import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sec-Fetch-Site values of a request made by Weft's own pages, or typed by the user (none). */
const ownSites = new Set(['same-origin', 'none']);

const refusal = (why: string) =>
  new AppError(
    'csrf',
    `This change was refused because ${why}. The console session cookie only works for changes made from Weft's own pages; ` +
      'reload the console and try again, or call the API with "Authorization: Bearer <token>" (from POST /api/auth/token).',
  );

/** Whether an Origin (scheme://host[:port]) names the host the request was sent to, or the configured public origin. */
function originMatches(origin: string, host: string | undefined, publicOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin && parsed.origin === new URL(publicOrigin).origin) return true;
  if (!host) return false;
  try {
    // The Host header read with the Origin's scheme, so default ports compare equal (localhost:80 = http://localhost).
    return new URL(`${parsed.protocol}//${host}`).host === parsed.host;
  } catch {
    return false;
  }
}

/**
 * The CSRF defence for requests authenticated by the session cookie (SameSite=Strict is the first
 * line; this is the second, for browsers or same-site subdomains that SameSite does not cover). A
 * state-changing request must say it comes from Weft's own origin: browsers send Sec-Fetch-Site on
 * every fetch, and Origin on every cross-origin or non-GET one, so the console passes without doing
 * anything. A request that says neither is refused: scripts use bearer tokens, which this never checks.
 */
export function assertSameOrigin(request: FastifyRequest, publicOrigin?: string) {
  if (safeMethods.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (ownSites.has(site)) return;
    throw refusal(`it came from another site (Sec-Fetch-Site: ${site})`);
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    if (originMatches(origin, request.host, publicOrigin)) return;
    throw refusal(`it came from another site (Origin: ${origin})`);
  }
  throw refusal('it did not say which site it came from (no Sec-Fetch-Site or Origin header)');
}
