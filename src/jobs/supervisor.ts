import type { Database } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import type { LivenessTiming } from '../core/sync/liveness.ts';

/**
 * Finds processes whose heartbeat went stale and takes their work back, in one statement so two
 * supervisors never both take the same process (its row is locked, others skip it):
 * - their pg-boss jobs still `active` go back to `retry`, due now (or `failed` once out of retries);
 * - their sync runs still `running` end `abandoned`, saying which process stopped answering and when;
 * - their rows go.
 * Also closes runs left `running` with no live owner at all, and forgets holds of jobs that ended.
 */
export interface Reclaimed {
  workers: string[];
  jobs: number;
  runs: number;
}

const abandonedBecause = (who: string, when: string) =>
  `'worker ' || ${who} || ' stopped answering at ' || to_char(${when} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC; its job was put back and the next run of this stream takes over'`;

/**
 * `othersAreDead`: every process but `selfId` counts as dead whatever its heartbeat — true at
 * start-up on the embedded database, which one process opens at a time.
 */
export async function reclaimDeadWork(
  database: Database,
  options: { staleSeconds: number; selfId?: string; othersAreDead?: boolean },
): Promise<Reclaimed> {
  const { rows } = await database.query<{ workers: string[] | null; jobs: number; runs: number }>(
    `with dead as (
       select id, host || ':' || pid as label, last_seen_at from weft_workers
       where id <> $1 and ($3 or last_seen_at < now() - make_interval(secs => $2::float8))
       for update skip locked
     ),
     dead_runs as (
       update sync_runs r set status = 'abandoned', finished_at = now(), worker_id = null,
         error = ${abandonedBecause('d.label', 'd.last_seen_at')}
       from dead d where r.worker_id = d.id and r.status = 'running'
       returning r.id
     ),
     orphan_runs as (
       update sync_runs r set status = 'abandoned', finished_at = now(), worker_id = null,
         error = 'no live process held it (its process stopped); the next run of this stream takes over'
       where r.status = 'running'
         and (r.worker_id is null or not exists (select 1 from weft_workers w where w.id = r.worker_id))
       returning r.id
     ),
     dead_holds as (
       delete from weft_job_holds h using dead d where h.worker_id = d.id
       returning h.job_id, h.queue, d.label, d.last_seen_at
     ),
     put_back as (
       update pgboss.job j set
         state = case when j.retry_count < j.retry_limit then 'retry'::pgboss.job_state else 'failed'::pgboss.job_state end,
         completed_on = case when j.retry_count < j.retry_limit then null else now() end,
         start_after = now(),
         output = jsonb_build_object('message', 'worker ' || h.label || ' stopped answering at ' || h.last_seen_at::text)
       from dead_holds h where j.id = h.job_id::uuid and j.name = h.queue and j.state = 'active'
       returning j.id
     ),
     ended_holds as (
       delete from weft_job_holds h
       where h.worker_id <> all (select id from dead)
         and not exists (select 1 from pgboss.job j where j.id = h.job_id::uuid and j.name = h.queue and j.state = 'active')
       returning h.job_id
     ),
     gone as (delete from weft_workers w using dead d where w.id = d.id returning w.id)
     select (select array_agg(label) from dead) as workers,
       (select count(*) from put_back)::int as jobs,
       ((select count(*) from dead_runs) + (select count(*) from orphan_runs))::int as runs,
       (select count(*) from ended_holds)::int as ended,
       (select count(*) from gone)::int as gone`,
    [options.selfId ?? '', options.staleSeconds, options.othersAreDead ?? false],
  );
  return { workers: rows[0]?.workers ?? [], jobs: rows[0]?.jobs ?? 0, runs: rows[0]?.runs ?? 0 };
}

/** A clean stop: runs this process still holds after its grace period end `abandoned`, saying so. */
export async function abandonOwnRuns(database: Database, workerId: string, label: string): Promise<number> {
  const { rows } = await database.query<{ id: number }>(
    `update sync_runs set status = 'abandoned', finished_at = now(), worker_id = null,
       error = 'worker ' || $2::text || ' was stopped before the run finished; its job was put back and the next run of this stream takes over'
     where worker_id = $1 and status = 'running' returning id`,
    [workerId, label],
  );
  return rows.length;
}

/** The periodic sweep of a supervising process. */
export class Supervisor {
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<unknown> | undefined;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly timing: LivenessTiming,
    private readonly selfId: string,
  ) {}

  /** Sweeps once now (closing what dead processes left at start-up), then every `sweepMs`. */
  async start(othersAreDead: boolean): Promise<void> {
    await this.sweep(othersAreDead);
    this.#timer = setInterval(() => {
      if (!this.#sweeping)
        this.#sweeping = this.sweep(false).finally(() => {
          this.#sweeping = undefined;
        });
    }, this.timing.sweepMs);
    this.#timer.unref();
  }

  async sweep(othersAreDead = false): Promise<Reclaimed | undefined> {
    try {
      const reclaimed = await reclaimDeadWork(this.database, {
        staleSeconds: this.timing.staleSeconds,
        selfId: this.selfId,
        othersAreDead,
      });
      if (reclaimed.workers.length || reclaimed.runs) this.log.warn(reclaimed, 'work of stopped processes put back');
      return reclaimed;
    } catch (error) {
      this.log.warn({ err: error }, 'supervisor sweep failed');
      return undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sweeping;
  }
}
