import PgBoss from 'pg-boss';
import type { Database } from '../db/connect.ts';
import type { ChannelDescriptor } from '../core/channel-descriptor.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Logger } from '../log.ts';
import { bossDbAdapter } from './pglite-adapter.ts';
import { deadLetterQueue, queueOptions, type JobContext, type JobDefinition } from './registry.ts';
import { livenessTiming, WorkerLiveness } from '../core/sync/liveness.ts';
import { abandonOwnRuns, Supervisor } from './supervisor.ts';

export interface RuntimeOptions {
  database: Database;
  secrets: SecretBox;
  /** The channel types the job handlers may use (JobContext.lookup). */
  lookup: (type: string) => ChannelDescriptor | undefined;
  log: Logger;
  definitions: JobDefinition<any>[];
  /** Take jobs from the queues (`weft start`, `weft worker`). */
  work: boolean;
  /**
   * Put cron jobs on the queues (pg-boss elects one process per tick) and take back the work of
   * processes whose heartbeat went stale (every supervising process sweeps; a locked row is skipped).
   */
  supervise: boolean;
  concurrency: number;
  /** WEFT_JOBS_SUPERVISE_SECONDS: a dead worker's jobs are back in the queue within this. */
  superviseSeconds: number;
  pollingSeconds?: number;
}

export interface QueueState {
  name: string;
  created: number;
  retry: number;
  active: number;
  failed: number;
  dead: number;
}

/**
 * The job runtime: pg-boss on Weft's own database (its tables live in the `pgboss` schema). Any
 * number of processes on PostgreSQL share the queues; on PGlite it runs inside the one process.
 */
export class JobRuntime {
  readonly boss: PgBoss;
  readonly #options: RuntimeOptions;
  readonly #names: Set<string>;
  /** This process's heartbeat, when it works jobs. */
  liveness: WorkerLiveness | undefined;
  #supervisor: Supervisor | undefined;

  private constructor(boss: PgBoss, options: RuntimeOptions) {
    this.boss = boss;
    this.#options = options;
    this.#names = new Set(options.definitions.map((d) => d.name));
  }

  static async start(options: RuntimeOptions): Promise<JobRuntime> {
    const boss = new PgBoss({
      db: bossDbAdapter(options.database),
      schema: 'pgboss',
      supervise: options.supervise,
      schedule: options.supervise,
      maintenanceIntervalSeconds: options.superviseSeconds,
      migrate: true,
    } as PgBoss.ConstructorOptions);
    boss.on('error', (error) => options.log.error({ err: error }, 'job runtime error'));
    await boss.start();
    const runtime = new JobRuntime(boss, options);
    await runtime.#declareQueues();
    const timing = livenessTiming(options.superviseSeconds);
    // The heartbeat row exists before the first job is taken, so no held work is ever ownerless.
    if (options.work) runtime.liveness = await WorkerLiveness.start(options.database, options.log, timing);
    if (options.supervise) {
      runtime.#supervisor = new Supervisor(options.database, options.log, timing, runtime.liveness?.id ?? '');
      // On the embedded database this is the only process: whatever another one held is dead.
      await runtime.#supervisor.start(options.database.kind === 'pglite');
    }
    if (options.work) await runtime.#startWorkers();
    return runtime;
  }

  async #declareQueues(): Promise<void> {
    for (const definition of this.#options.definitions) {
      const dead = deadLetterQueue(definition.name);
      if (!(await this.boss.getQueue(dead))) await this.boss.createQueue(dead, { name: dead, policy: 'standard' });
      const options = queueOptions(definition);
      if (await this.boss.getQueue(definition.name)) {
        await this.boss.updateQueue(definition.name, options);
        // Jobs carry their queue's policy; waiting ones follow a change (singleton → standard).
        await this.#options.database.query(
          `update pgboss.job set policy = $2 where name = $1 and state < 'active' and policy is distinct from $2`,
          [definition.name, options.policy],
        );
      } else await this.boss.createQueue(definition.name, options);
      if (this.#options.supervise && definition.cron) {
        await this.boss.schedule(definition.name, definition.cron, {}, { tz: 'Asia/Kolkata' });
      }
    }
  }

  async #startWorkers(): Promise<void> {
    const { database, secrets, lookup, log } = this.#options;
    const context: JobContext = {
      database,
      secrets,
      lookup,
      log,
      send: (name, data, options) => this.send(name, data, options),
    };
    const liveness = this.liveness!;
    for (const definition of this.#options.definitions) {
      for (let i = 0; i < this.#options.concurrency; i++) {
        await this.boss.work<object>(
          definition.name,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.#options.pollingSeconds ?? 2 },
          async ([job]) => {
            const jobLog = log.child({ job: definition.name, jobId: job.id });
            jobLog.debug('job started');
            try {
              // Recorded before any work, so a supervisor can put the job back if this process dies.
              await liveness.hold(job.id, definition.name);
              const output = await definition.handler(
                job.data,
                { ...context, log: jobLog },
                { id: job.id, retryCount: job.retryCount, workerId: liveness.id },
              );
              jobLog.debug('job finished');
              return output;
            } catch (error) {
              jobLog.warn({ err: error, retryCount: job.retryCount }, 'job failed');
              throw error;
            }
          },
        );
      }
    }
  }

  async send(
    name: string,
    data: object,
    options: { singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    if (!this.#names.has(name)) throw new Error(`There is no job named ${name}.`);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
    });
  }

  /** Counts per queue, for /health: waiting, retrying, running, failed and dead-lettered jobs. */
  async state(): Promise<QueueState[]> {
    const { rows } = await this.#options.database.query<{ name: string; state: string; n: number }>(
      `select name, state::text as state, count(*)::int as n from pgboss.job
       where state in ('created', 'retry', 'active', 'failed') and name not like '__pgboss%' group by name, state`,
    );
    const byName = new Map<string, QueueState>();
    const entry = (name: string) => {
      const base = name.endsWith('.dead') ? name.slice(0, -5) : name;
      if (!byName.has(base)) byName.set(base, { name: base, created: 0, retry: 0, active: 0, failed: 0, dead: 0 });
      return byName.get(base)!;
    };
    for (const d of this.#options.definitions) entry(d.name);
    for (const row of rows) {
      const e = entry(row.name);
      if (row.name.endsWith('.dead')) e.dead += row.state === 'failed' ? 0 : row.n;
      else if (row.state in e) (e as unknown as Record<string, number>)[row.state] += row.n;
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Drains: no new jobs are taken; in-flight jobs get `graceSeconds` to finish, then are failed back
   * to their queue for another worker to retry. None is lost.
   */
  async stop(graceSeconds: number): Promise<void> {
    await this.#supervisor?.stop();
    await this.boss.stop({ graceful: true, timeout: graceSeconds * 1000, wait: true, close: false });
    if (this.liveness) {
      const abandoned = await abandonOwnRuns(this.#options.database, this.liveness.id, this.liveness.label).catch(
        () => 0,
      );
      if (abandoned) this.#options.log.warn({ abandoned }, 'sync runs still running at shutdown closed as abandoned');
      await this.liveness.stop();
    }
  }
}
