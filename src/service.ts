import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { loadMasterKey, SecretBox, verifyMasterKey } from './core/secrets.ts';
import { ensureFirstAdmin } from './core/users/users.ts';
import { JobRuntime } from './jobs/runtime.ts';
import { setOutboxStaleSeconds } from './core/sync/outbox.ts';
import { setPrivateUrlsAllowed } from './net/outbound-url.ts';
import { jobDefinitions } from './jobs/definitions/index.ts';
import type { JobDefinition } from './jobs/registry.ts';
import { buildApp } from './http/app.ts';
import type { Logger } from './log.ts';
import { channelDescriptor } from './channels/registry.ts';
import { createMetrics } from './metrics/metrics.ts';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.ts';
import { ConfigError } from './config/config.ts';
import { startWorkerWatch } from './core/alerts/worker-watch.ts';

export interface ServiceRoles {
  /** Serve the REST API and console. */
  api: boolean;
  /** Work jobs. */
  work: boolean;
}

export interface Service {
  database: Database;
  secrets: SecretBox;
  jobs: JobRuntime;
  app?: FastifyInstance;
  /** Where /metrics listens on its own address (WEFT_METRICS_ADDRESS), when set. */
  metricsAddress?: { host: string; port: number };
  /** Stops in order: no new requests, jobs drained, database closed. */
  stop(): Promise<void>;
}

/**
 * Boots Weft: database, schema, master key, first admin, jobs, then HTTP. Each step that fails stops
 * here with a ConfigError whose message names the setting, so the CLI can print one line.
 */
export async function startService(
  config: Config,
  log: Logger,
  roles: ServiceRoles,
  extraJobs: JobDefinition<any>[] = [],
): Promise<Service> {
  setOutboxStaleSeconds(config.outboxStaleSeconds);
  setPrivateUrlsAllowed(config.allowPrivateUrls);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  let metricsServer: MetricsServer | undefined;
  try {
    const applied = await migrate(database);
    if (applied.length) log.info({ applied }, 'database migrated');
    const secrets = new SecretBox(loadMasterKey(config.masterKey, config.dataDir));
    await verifyMasterKey(database.db, secrets);
    const admin = await ensureFirstAdmin(database.db, config.admin);
    if (admin === 'created') log.info({ username: config.admin?.username }, 'first admin created');
    if (admin === 'none')
      log.warn(
        'No user exists yet: run `weft user add <name> --role admin` or set WEFT_ADMIN_USER and WEFT_ADMIN_PASSWORD.',
      );
    // The metrics listener starts before the jobs, so an address in use stops start-up with nothing
    // else to stop; until the jobs runtime exists its queues read as none.
    let jobsRuntime: JobRuntime | undefined;
    const metrics = createMetrics({ database, queues: async () => (jobsRuntime ? jobsRuntime.state() : []) });
    if (config.metrics.address) {
      const { host, port } = config.metrics.address;
      metricsServer = await startMetricsServer(metrics, { host, port, token: config.metrics.token }).catch(
        (error: Error) => {
          throw new ConfigError(
            `WEFT_METRICS_ADDRESS ${host}:${port} cannot be listened on (${error.message}): give a free address, a different one per process on one machine.`,
          );
        },
      );
      log.info({ address: `${host}:${metricsServer.address.port}` }, 'metrics served');
    }
    const jobs = await JobRuntime.start({
      database,
      secrets,
      lookup: channelDescriptor,
      log,
      definitions: [...jobDefinitions, ...extraJobs],
      work: roles.work,
      supervise: roles.work,
      concurrency: config.workerConcurrency,
      superviseSeconds: config.superviseSeconds,
    });
    jobsRuntime = jobs;
    let app: FastifyInstance | undefined;
    if (roles.api) {
      app = await buildApp({
        database,
        secrets,
        jobs,
        log,
        http: { trustProxy: config.trustProxy, publicOrigin: config.publicOrigin, loginThrottle: config.loginThrottle },
        metrics: {
          exposition: metrics,
          token: config.metrics.token,
          separateAddress: config.metrics.address !== undefined,
        },
      });
      await app.listen({ port: config.port, host: config.host });
    }
    // An API-only process watches that some worker is alive: the workers cannot alert of their own absence.
    const watch =
      roles.api && !roles.work ? startWorkerWatch({ database, secrets, lookup: channelDescriptor, log }) : undefined;
    return {
      database,
      secrets,
      jobs,
      app,
      metricsAddress: metricsServer?.address,
      async stop() {
        await app?.close();
        await metricsServer?.close();
        await watch?.stop();
        await jobs.stop(config.shutdownGraceSeconds);
        await database.close();
      },
    };
  } catch (error) {
    await metricsServer?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}
