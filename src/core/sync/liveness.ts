import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/connect.ts';
import type { Logger } from '../../log.ts';

/**
 * Worker liveness by heartbeat, not by job expiry. Every process that works jobs (or runs a sync in
 * the foreground) keeps a row in `weft_workers` fresh; what it holds — pg-boss jobs in
 * `weft_job_holds`, sync runs by `sync_runs.worker_id` — is tied to that row, so a supervisor can
 * tell work held by a dead process from work that is merely slow, within seconds.
 */
export interface LivenessTiming {
  /** How often a process writes its heartbeat. */
  heartbeatMs: number;
  /** A process whose heartbeat is older than this is dead. */
  staleSeconds: number;
  /** How often a supervising process looks for dead processes. */
  sweepMs: number;
}

/**
 * Timing from WEFT_JOBS_SUPERVISE_SECONDS (S): a heartbeat every S/5, dead after three missed beats
 * (0.6·S), looked for every 0.3·S — so a dead process's work is back within 0.9·S of its last beat.
 */
export function livenessTiming(superviseSeconds: number): LivenessTiming {
  const heartbeatMs = Math.max(500, (superviseSeconds * 1000) / 5);
  return {
    heartbeatMs,
    staleSeconds: (heartbeatMs * 3) / 1000,
    sweepMs: Math.max(500, superviseSeconds * 300),
  };
}

/** For a run executed outside any worker (`weft sync`, tests): beats faster than any supervisor's stale limit. */
export const foregroundTiming: LivenessTiming = { heartbeatMs: 500, staleSeconds: 1.5, sweepMs: 500 };

export class WorkerLiveness {
  readonly id: string;
  readonly host = hostname();
  readonly pid = process.pid;
  readonly #database: Database;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #beating: Promise<void> | undefined;

  private constructor(database: Database, log: Logger) {
    this.id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#database = database;
    this.#log = log;
  }

  /** Registers this process and starts its heartbeat; its row exists before it takes any work. */
  static async start(database: Database, log: Logger, timing: LivenessTiming): Promise<WorkerLiveness> {
    const liveness = new WorkerLiveness(database, log);
    await liveness.#beat();
    liveness.#timer = setInterval(() => {
      if (!liveness.#beating)
        liveness.#beating = liveness.#beat().finally(() => {
          liveness.#beating = undefined;
        });
    }, timing.heartbeatMs);
    liveness.#timer.unref();
    return liveness;
  }

  get label(): string {
    return `${this.host}:${this.pid}`;
  }

  async #beat(): Promise<void> {
    try {
      const { rows } = await this.#database.query<{ inserted: boolean }>(
        `insert into weft_workers (id, host, pid) values ($1, $2, $3)
         on conflict (id) do update set last_seen_at = now()
         returning (xmax = 0) as inserted`,
        [this.id, this.host, this.pid],
      );
      // Our row was gone: a supervisor judged this process dead (it stalled longer than the stale
      // interval) and put its work back. Whatever it still runs is now also run elsewhere.
      if (rows[0]?.inserted && this.#timer)
        this.#log.error({ worker: this.id }, 'this process was presumed dead by a supervisor; its jobs were put back');
    } catch (error) {
      this.#log.warn({ err: error, worker: this.id }, 'worker heartbeat not written');
    }
  }

  /** Notes that this process holds a pg-boss job (kept until the job is no longer active). */
  async hold(jobId: string, queue: string): Promise<void> {
    await this.#database.query(
      `insert into weft_job_holds (job_id, queue, worker_id) values ($1, $2, $3)
       on conflict (job_id) do update set worker_id = excluded.worker_id, started_at = now()`,
      [jobId, queue, this.id],
    );
  }

  /** Stops the heartbeat and removes this process's row (a clean stop: nothing of ours is left running). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#beating;
    await this.#database.query('delete from weft_job_holds where worker_id = $1', [this.id]).catch(() => {});
    await this.#database.query('delete from weft_workers where id = $1', [this.id]).catch(() => {});
  }
}
