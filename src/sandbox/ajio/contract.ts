// The AJIO contract as a Fastify plugin (registered under the path prefix): fault injection,
// apiKey authentication, per-user throttling and the lazy scheduler run as onRequest hooks
// before the routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, SandboxError } from './errors.ts';
import type { FaultRule } from './faults.ts';
import { sellerOf, setSeller, type RouteDeps } from './routes/context.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { fulfilmentRoutes } from './routes/fulfilment-routes.ts';
import { orderRoutes } from './routes/order-routes.ts';

const FAULT = Symbol('ajioFault');
type WithFault = FastifyRequest & { [FAULT]?: FaultRule };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests held by a timeout fault; close() releases them at once. */
export class Holds {
  private held = new Set<() => void>();

  /** Keeps the request unanswered for `ms`, then destroys its socket (the client sees a hang). */
  hold(request: FastifyRequest, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        request.raw.socket?.destroy();
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.add(release);
    });
  }

  releaseAll(): void {
    for (const release of [...this.held]) release();
  }
}

function relativePath(url: string, prefix: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return prefix && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path;
}

export interface ContractDeps extends RouteDeps {
  holds: Holds;
}

export async function contractPlugin(app: FastifyInstance, deps: ContractDeps) {
  const { state, pathPrefix: prefix, holds } = deps;

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!state.faults.empty) {
      const rule = state.faults.take(request.method, relativePath(request.url, prefix));
      if (rule) {
        if (rule.type === 'latency') await sleep(rule.latencyMs ?? 0);
        else if (rule.processed || rule.type === 'malformed-json') (request as WithFault)[FAULT] = rule;
        else if (rule.type === '500') throw new SandboxError(500, 'INTERNAL_SERVER_ERROR (injected fault)');
        else if (rule.type === '429')
          throw new SandboxError(429, 'TOO_MANY_REQUESTS (injected fault)', {
            'retry-after': String(rule.retryAfter ?? 1),
          });
        else if (rule.type === '401') throw new SandboxError(401, 'INVALID_CREDENTIALS (injected fault)');
        else if (rule.type === '423') throw new SandboxError(423, 'LOGIN_LOCKED (injected fault)');
        else if (rule.type === 'timeout') {
          reply.hijack();
          void holds.hold(request, rule.holdMs ?? 30_000);
          return reply;
        }
      }
    }
    if ((request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const token = request.headers.apikey;
    const seller = state.auth.verify(Array.isArray(token) ? token[0] : token, state.now(), state.sellers);
    if (!seller) throw new SandboxError(401, 'Invalid token');
    const wait = state.throttle.check(seller.username, Date.now());
    if (wait > 0) throw new SandboxError(429, 'TOO_MANY_REQUESTS', { 'retry-after': String(wait) });
    setSeller(request, seller);
    state.tick(seller);
  });

  // Every authenticated write as it arrived, before the handler: tests compare it with what a channel
  // in shadow mode recorded instead of sending (and assert that a shadow channel sent nothing).
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (request.method === 'GET' || (request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const seller = sellerOf(request);
    seller.received.push(seller.received.writes, {
      method: request.method,
      path: relativePath(request.url, prefix),
      body: request.body ?? null,
      receivedAt: state.now(),
    });
  });

  // Faults that let the handler run first: the change happens, the reply is lost or broken.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const rule = (request as WithFault)[FAULT];
    if (!rule) return fieldFaults(request, reply, payload);
    if (rule.type === 'malformed-json') {
      reply.code(200).type('application/json; charset=utf-8');
      const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('latin1') : '{}';
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    if (rule.type === '500') {
      reply.code(500).type('application/json; charset=utf-8');
      return JSON.stringify(errorBody(500, 'INTERNAL_SERVER_ERROR (injected fault)'));
    }
    if (rule.type === 'timeout') await holds.hold(request, rule.holdMs ?? 30_000);
    return fieldFaults(request, reply, payload);
  });

  // Field faults: a successful JSON answer has fields renamed, dropped or re-typed.
  function fieldFaults(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    if (state.faults.noFieldFaults || reply.statusCode >= 400 || typeof payload !== 'string') return payload;
    return state.faults.rewriteAnswer(request.method, relativePath(request.url, prefix), payload) ?? payload;
  }

  app.addHook('onResponse', async (request: FastifyRequest) => {
    if (request.method !== 'GET') state.onChange();
  });

  app.post('/authToken', { config: { public: true } }, async (request) =>
    state.auth.login(state.sellers, request.body, state.now()),
  );
  // Fastify would read a `prefix` key in plugin options as a second prefix: pass only these.
  const routeDeps: RouteDeps = { state, pathPrefix: prefix, publicUrl: deps.publicUrl };
  await app.register(catalogRoutes);
  await app.register(orderRoutes, routeDeps);
  await app.register(fulfilmentRoutes, routeDeps);
  await app.register(documentRoutes, routeDeps);
}
