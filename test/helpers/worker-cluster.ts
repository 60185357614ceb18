import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { SecretBox, verifyMasterKey } from '../../src/core/secrets.ts';
import { createUser, issueToken } from '../../src/core/users/users.ts';
import { JobRuntime } from '../../src/jobs/runtime.ts';
import { jobDefinitions } from '../../src/jobs/definitions/index.ts';
import { createLogger } from '../../src/log.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { startWeft, type TestProcess } from './processes.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';

/**
 * Weft split as in production on PostgreSQL: the API in this test process (driven through
 * app.inject; it works no job) and `weft worker` child processes on the same database. Every child
 * is killed by `close()`, which a test calls in `finally` whatever happened.
 */
const masterKeyHex = 'ab'.repeat(32);

export interface WorkerCluster {
  database: TestDatabase;
  call(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Starts a `weft worker`; resolves once its heartbeat row exists (it is then taking jobs). */
  startWorker(): Promise<TestProcess>;
  workers: TestProcess[];
  close(): Promise<void>;
}

export async function startWorkerCluster(env: Record<string, string>): Promise<WorkerCluster> {
  const database = await createTestDatabase('postgres');
  const log = createLogger('silent');
  const secrets = new SecretBox(Buffer.from(masterKeyHex, 'hex'));
  const workers: TestProcess[] = [];
  let jobs: JobRuntime | undefined;
  let app: FastifyInstance | undefined;
  const close = async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await app?.close();
    await jobs?.stop(1);
    await database.dispose();
  };
  // The API in this process creates channels pointed at the sandbox on loopback over http:.
  setPrivateUrlsAllowed(true);
  try {
    await verifyMasterKey(database.db, secrets);
    jobs = await JobRuntime.start({
      database,
      secrets,
      lookup: channelDescriptor,
      log,
      definitions: jobDefinitions,
      work: false,
      supervise: false,
      concurrency: 1,
      superviseSeconds: 30,
    });
    app = await buildApp({ database, secrets, jobs, log });
    const admin = await createUser(
      database.db,
      { username: 'admin1', password: 'admin-password-1', role: 'admin' },
      'test',
    );
    const { token } = await issueToken(database.db, admin, 'test');
    const server = app;
    return {
      database,
      workers,
      close,
      call: (method, url, body) =>
        server.inject({
          method: method as never,
          url,
          headers: { authorization: `Bearer ${token}` },
          ...(body === undefined ? {} : { payload: body as object }),
        }),
      async startWorker() {
        // Through the process helper: the worker leads its own group and is killed with the test file whatever happens.
        const child = startWeft(null, ['worker'], {
          ...env,
          DATABASE_URL: database.url!,
          WEFT_MASTER_KEY: masterKeyHex,
          LOG_LEVEL: 'error',
        });
        workers.push(child);
        const deadline = Date.now() + 90_000;
        while (Date.now() < deadline) {
          if (child.child.exitCode !== null)
            throw new Error(`weft worker exited early with ${child.child.exitCode}: ${child.stderr()}`);
          const { rows } = await database.query('select 1 from weft_workers where pid = $1', [child.pid]);
          if (rows.length) return child;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error('weft worker did not start within 90 s');
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
