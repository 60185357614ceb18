import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import { AppError } from '../core/errors.ts';
import { roleAllows, userForToken, type PublicUser } from '../core/users/users.ts';
import { assertSameOrigin } from './csrf.ts';
import type { Policy } from './route-policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: PublicUser;
  }
}

/** The console's session cookie: HttpOnly and SameSite=Strict, so scripts cannot read it or send it cross-site. */
export const sessionCookie = 'weft_session';

/** Where the caller's token came from: the Authorization header (scripts) or the session cookie (the console). */
interface Credential {
  token: string | null;
  via: 'header' | 'cookie';
}

function credentialOf(request: FastifyRequest): Credential | null {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    return { token: scheme?.toLowerCase() === 'bearer' && token ? token : null, via: 'header' };
  }
  const token = sessionToken(request);
  return token ? { token, via: 'cookie' } : null;
}

export function sessionToken(request: FastifyRequest): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie && value.length) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The policy of the route that matched. Fastify's not-found route is the only one without a declared
 * policy (route-policy.ts refuses to start otherwise), and it is public so an unknown path answers 404.
 */
function policyOf(request: FastifyRequest): Policy {
  const declared = request.routeOptions.config?.role;
  if (declared) return declared;
  if (request.is404) return 'public';
  throw new AppError(
    'forbidden',
    `${request.method} ${request.routeOptions.url ?? request.url} has no access policy, so nobody may call it.`,
  );
}

/**
 * Authentication, the role check and the CSRF check, in one place: an onRequest hook, so it runs after
 * routing (the policy is the matched route's, whatever spelling of the URL matched it) and before the
 * body is read or validated (an anonymous caller gets 401, never a 400 that reveals the schema).
 */
export function registerAuth(app: FastifyInstance, db: Db, options: { publicOrigin?: string } = {}) {
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    const needed = policyOf(request);
    const credential = credentialOf(request);
    if (credential?.via === 'cookie') assertSameOrigin(request, options.publicOrigin);
    if (needed === 'public') return;
    if (!credential?.token)
      throw new AppError(
        'unauthorized',
        'Sign in first: send "Authorization: Bearer <token>" (get one from POST /api/auth/token), or sign in to the console.',
      );
    const user = await userForToken(db, credential.token);
    if (!user)
      throw new AppError(
        'unauthorized',
        'This token is unknown, expired or revoked: get a new one from POST /api/auth/token.',
      );
    if (!roleAllows(user.role, needed)) {
      throw new AppError(
        'forbidden',
        `This needs the ${needed} role; ${user.username} is ${user.role === 'admin' ? 'an' : 'a'} ${user.role}.`,
      );
    }
    request.user = user;
  });
}

/** The name written to the audit log and the ledger for the current request. */
export const actorOf = (request: FastifyRequest) => request.user?.username ?? 'anonymous';
