import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/http/app.ts';
import type { AppContext } from '../../src/http/context.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { createUser, issueToken } from '../../src/core/users/users.ts';
import { JobRuntime } from '../../src/jobs/runtime.ts';
import { jobDefinitions } from '../../src/jobs/definitions/index.ts';
import { createLogger } from '../../src/log.ts';
import type { Role } from '../../src/db/schema.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  jobs: JobRuntime;
  secrets: SecretBox;
  /** A bearer token of a fresh user with that role. */
  tokens: Record<Role, string>;
  call(
    method: string,
    url: string,
    options?: { as?: Role | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
  /** Sets Weft's clock (AppContext.now), such as the AJIO sandbox's; null returns to the system clock. */
  useClock(now: (() => Date) | null): void;
}

/**
 * The real app (real routes, auth and jobs runtime) on a fresh database, driven through app.inject.
 * With `work`, the app's own job runtime takes jobs as `weft start` does (the console's "Run now").
 */
export async function createTestApp(
  kind: DatabaseKind,
  options: {
    work?: boolean;
    allowPrivateUrls?: boolean;
    concurrency?: number;
    /** /metrics settings (token, cache), as service.ts passes them from WEFT_METRICS_*. */
    metrics?: AppContext['metrics'];
  } = {},
): Promise<TestApp> {
  // Test channels talk to the AJIO sandbox on loopback over http:, as WEFT_ALLOW_PRIVATE_URLS=true allows.
  setPrivateUrlsAllowed(options.allowPrivateUrls ?? true);
  const database = await createTestDatabase(kind);
  const log = createLogger('silent');
  const secrets = new SecretBox(randomBytes(32));
  const jobs = await JobRuntime.start({
    database,
    secrets,
    lookup: channelDescriptor,
    log,
    definitions: jobDefinitions,
    work: options.work ?? false,
    supervise: false,
    concurrency: options.concurrency ?? 1,
    superviseSeconds: 30,
    pollingSeconds: options.work ? 0.5 : undefined,
  });
  let clock: (() => Date) | null = null;
  const app = await buildApp({
    database,
    secrets,
    jobs,
    log,
    now: () => (clock ? clock() : new Date()),
    metrics: options.metrics,
  });
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'operator', 'viewer'] as const) {
    const user = await createUser(database.db, { username: `${role}1`, password: `${role}-password-1`, role }, 'test');
    tokens[role] = (await issueToken(database.db, user, 'test')).token;
  }
  return {
    app,
    database,
    jobs,
    secrets,
    tokens,
    call(method, url, options = {}) {
      const as = options.as === undefined ? 'admin' : options.as;
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (as) headers.authorization = `Bearer ${tokens[as]}`;
      const isText = typeof options.body === 'string';
      return app.inject({
        method: method as never,
        url,
        headers,
        ...(options.body === undefined
          ? {}
          : isText
            ? { payload: options.body as string }
            : { payload: options.body as object }),
      });
    },
    useClock(now) {
      clock = now;
    },
    async close() {
      await app.close();
      await jobs.stop(1);
      await database.dispose();
    },
  };
}
