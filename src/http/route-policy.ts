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

/** A route as the policy check sees it. */
export interface RoutePolicy {
  method: string;
  url: string;
  role: Policy;
}

const tables = new WeakMap<FastifyInstance, RoutePolicy[]>();

/** Every route of an app with its policy, in registration order (the route-table tests sweep it). */
export const routePolicies = (app: FastifyInstance): readonly RoutePolicy[] => tables.get(app) ?? [];

/**
 * An onRoute hook (added before any route): a route without a declared policy stops start-up with a
 * sentence naming it, except inside a public scope, where it becomes public — but only under that
 * scope's URL prefix, so a plugin cannot quietly open anything elsewhere.
 */
export function requireRoutePolicy(app: FastifyInstance) {
  const table: RoutePolicy[] = [];
  tables.set(app, table);
  app.addHook('onRoute', function (this: FastifyInstance, route: RouteOptions) {
    const methods = [route.method].flat();
    const role = policyFor(this, route, methods.join(','));
    route.config = { ...route.config, role };
    for (const method of methods) table.push({ method, url: route.url, role });
  });
}

function policyFor(scope: FastifyInstance, route: RouteOptions, methods: string): Policy {
  const declared = route.config?.role;
  if (declared !== undefined) {
    if (!policies.includes(declared)) {
      throw new Error(`Route ${methods} ${route.url} declares role "${declared}": use one of ${policies.join(', ')}.`);
    }
    return declared;
  }
  const prefix = (scope as unknown as Record<symbol, string | undefined>)[publicScope];
  if (prefix !== undefined && (prefix === '/' || route.url === prefix || route.url.startsWith(`${prefix}/`)))
    return 'public';
  throw new Error(
    `Route ${methods} ${route.url} has no access policy: add config: { role: 'public' | 'viewer' | 'operator' | 'admin' } to it.`,
  );
}
