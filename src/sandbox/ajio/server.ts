// createAjioSandbox(): the Fastify app serving the AJIO contract under a configurable prefix
// and the control API under /__sandbox/, plus start-up sellers, catalogue and snapshot.
import Fastify, { type FastifyInstance } from 'fastify';
import { generateCatalog } from './catalog-generator.ts';
import { Holds, contractPlugin } from './contract.ts';
import { controlRoutes } from './control-routes.ts';
import { errorBody, SandboxError } from './errors.ts';
import type { MarketConfig } from './marketplace.ts';
import type { SellerInput } from './seller.ts';
import { loadSnapshot, SnapshotWriter } from './snapshot.ts';
import { SandboxState } from './state.ts';

export interface AjioSandboxOptions {
  /** Path prefix of every contract route, e.g. "/jit/v1" (default: none). Control API stays at /__sandbox/. */
  prefix?: string;
  /** Requests per second per seller user (default 10); false switches throttling off. */
  rateLimit?: number | false;
  /** Sellers created at start (skipped when a snapshot already has them). */
  sellers?: SellerInput[];
  /** Seed a generated catalogue for each start-up seller. */
  catalog?: { styles: number; seed: number; initialInventory?: number };
  /** Marketplace timing: PO schedule, PO size, delivery delay. */
  market?: Partial<MarketConfig>;
  /** Keep state in this JSON file: loaded on start, saved after changes and on close. */
  snapshotFile?: string;
  /** Base URL put in document links instead of the request's Host (e.g. behind a proxy). */
  publicUrl?: string;
  /** Fastify logging (default off). */
  logger?: boolean;
}

export interface AjioSandbox {
  app: FastifyInstance;
  state: SandboxState;
  prefix: string;
  /** Starts listening; resolves to the base URL of the contract (origin + prefix). */
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  /** Base URL once listening. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

function normalisePrefix(prefix: string | undefined): string {
  if (!prefix || prefix === '/') return '';
  const p = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return p.replace(/\/+$/, '');
}

export function seedStartupSellers(state: SandboxState, options: AjioSandboxOptions): void {
  for (const input of options.sellers ?? []) {
    if (state.sellers.has(input.username)) continue;
    const seller = state.addSeller(input);
    if (options.catalog) {
      for (const p of generateCatalog(seller.catalog, options.catalog))
        seller.catalog.addProduct(p, () => p.productId!);
    }
  }
}

export async function createAjioSandbox(options: AjioSandboxOptions = {}): Promise<AjioSandbox> {
  const prefix = normalisePrefix(options.prefix);
  const state = new SandboxState(options.market, options.rateLimit ?? 10);
  const holds = new Holds();
  let writer: SnapshotWriter | undefined;
  if (options.snapshotFile) {
    loadSnapshot(state, options.snapshotFile);
    writer = new SnapshotWriter(state, options.snapshotFile);
    state.onChange = () => writer!.changed();
  }
  seedStartupSellers(state, options);

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 50 * 1024 * 1024, forceCloseConnections: true });

  app.setErrorHandler((err: Error & { statusCode?: number }, _request, reply) => {
    if (err instanceof SandboxError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      return reply.code(err.statusCode).send(errorBody(err.statusCode, err.message));
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    return reply.code(status).send(errorBody(status, status === 500 ? 'INTERNAL_SERVER_ERROR' : err.message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(404, `No route ${request.method} ${request.url.split('?')[0]}`)),
  );

  await app.register(contractPlugin, { prefix, pathPrefix: prefix, state, holds, publicUrl: options.publicUrl });
  await app.register(controlRoutes, { prefix: '/__sandbox', state });

  let url: string | undefined;
  return {
    app,
    state,
    prefix,
    get url() {
      return url;
    },
    async listen(opts = {}) {
      const host = opts.host ?? '127.0.0.1';
      await app.listen({ port: opts.port ?? 0, host });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      url = `http://${shownHost}:${port}${prefix}`;
      return url;
    },
    async close() {
      holds.releaseAll();
      await app.close();
      writer?.flush();
    },
  };
}
