import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Role } from '../db/schema.ts';

/** Who may call a route: anyone, or a signed-in user of at least that role. */
export type Policy = Role | 'public';
export const policies: readonly Policy[] = ['public', 'viewer', 'operator', 'admin'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's access policy. Every route must declare one (the server refuses to start otherwise);
     * the access check reads it from the matched route, never from the URL text.
     */
    role?: Policy;
  }
}

/**
 * Marks an encapsulated scope whose routes are all public unless they declare otherwise: the scopes
 * that hold third-party plugins (the API docs, the console's files), which register routes of their own
 * and cannot be given a policy route by route. Child scopes inherit it, as Fastify makes each child
 * instance with its parent as prototype.
 */
const publicScope = Symbol('weft.publicScope');

export function markPublicScope(scope: FastifyInstance, urlPrefix: string) {
  Object.defineProperty(scope, publicScope, { value: urlPrefix, enumerable: false });
}

/**
 * An onRoute hook (added before any route): a route without a declared policy stops start-up with a
 * sentence naming it, except inside a public scope, where it becomes public — but only under that
 * scope's URL prefix, so a plugin cannot quietly open anything elsewhere.
 */
export function requireRoutePolicy(app: FastifyInstance) {
  app.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
    const declared = route.config?.role;
    const methods = [route.method].flat().join(',');
    if (declared !== undefined) {
      if (!policies.includes(declared)) {
        throw new Error(`Route ${methods} ${route.url} declares role "${declared}": use one of ${policies.join(', ')}.`);
      }
      return;
    }
    const prefix = (this as unknown as Record<symbol, string | undefined>)[publicScope];
    if (prefix !== undefined && (route.url === prefix || route.url.startsWith(`${prefix}/`) || prefix === '/')) {
      route.config = { ...route.config, role: 'public' };
      return;
    }
    throw new Error(
      `Route ${methods} ${route.url} has no access policy: add config: { role: 'public' | 'viewer' | 'operator' | 'admin' } to it.`,
    );
  });
}
