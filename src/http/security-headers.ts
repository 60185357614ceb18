import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The console's content security policy. The built console (vite) is one module script and one
 * stylesheet under /assets, with no inline script, so scripts come from our origin only. Inline style
 * stays allowed because React components set style attributes. Swagger UI at /api/docs loads its own
 * files from the same origin the same way, so one policy serves both.
 * No upgrade-insecure-requests: a seller may run Weft on plain http inside the warehouse network, and
 * upgrading every request to https there would break the console.
 */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
};

/** HSTS tells browsers to use https for a year; sent only on answers that came over https. */
const hsts = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (registered before the access check, so refusals carry them too):
 * nosniff, frame options, the CSP above, no referrer; HSTS only over https (request.protocol, which
 * follows X-Forwarded-Proto when WEFT_TRUST_PROXY is set); and `Cache-Control: no-store` on every answer
 * that does not set its own caching (the console's files do), so order and customer data never sit in a
 * browser or proxy cache.
 */
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy,
    strictTransportSecurity: false,
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', hsts);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.getHeader('cache-control') === undefined) reply.header('cache-control', 'no-store');
    return payload;
  });
}
