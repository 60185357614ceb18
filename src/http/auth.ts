import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../core/errors.ts';
import { roleAllows, userForToken, type PublicUser } from '../core/users/users.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: PublicUser;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; default viewer for GET, operator otherwise. `public` needs none. */
    role?: Role | 'public';
  }
}

/** The console's session cookie: HttpOnly and SameSite=Strict, so scripts cannot read it or send it cross-site. */
export const sessionCookie = 'weft_session';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : null;
  }
  return sessionToken(request);
}

export function sessionToken(request: FastifyRequest): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie && value.length) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Every /api route but the token endpoint and the docs needs a signed-in user of enough role. */
export function registerAuth(app: FastifyInstance, db: Db) {
  app.decorateRequest('user', undefined);
  app.addHook('preHandler', async (request) => {
    const url = request.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const needed = request.routeOptions.config?.role ?? (request.method === 'GET' ? 'viewer' : 'operator');
    if (needed === 'public') return;
    const token = bearer(request);
    if (!token) throw new AppError('unauthorized', 'Sign in first: send "Authorization: Bearer <token>" (get one from POST /api/auth/token), or sign in to the console.');
    const user = await userForToken(db, token);
    if (!user) throw new AppError('unauthorized', 'This token is unknown, expired or revoked: get a new one from POST /api/auth/token.');
    if (!roleAllows(user.role, needed)) {
      throw new AppError('forbidden', `This needs the ${needed} role; ${user.username} is ${user.role === 'admin' ? 'an' : 'a'} ${user.role}.`);
    }
    request.user = user;
  });
}

/** The name written to the audit log and the ledger for the current request. */
export const actorOf = (request: FastifyRequest) => request.user?.username ?? 'anonymous';
