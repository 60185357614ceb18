import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { channels, syncRunRecords, syncRuns, type RecordOutcome, type SyncRunStatus } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';

/**
 * A sync run is one execution of a stream or push for a channel: its progress while it runs, its
 * counts when done, and one row per record that failed (with the payload, so it can be retried).
 */
export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncRunRecord = typeof syncRunRecords.$inferSelect;

export async function createRun(
  db: Db,
  input: { channelId: number; stream: string; trigger: 'schedule' | 'manual' | 'retry'; jobId?: string },
): Promise<SyncRun> {
  const [run] = await db
    .insert(syncRuns)
    .values({ ...input, jobId: input.jobId ?? null })
    .returning();
  return run;
}

export async function startRun(db: Db, runId: number, total?: number): Promise<void> {
  await db
    .update(syncRuns)
    .set({ status: 'running', startedAt: sql`coalesce(${syncRuns.startedAt}, now())`, total: total ?? null })
    .where(eq(syncRuns.id, runId));
}

/**
 * Takes a queued run for a process: the run becomes `running` and records its holder. A run of the
 * same channel and stream already running makes it `busy` — the unique index on running runs is the
 * stream's lease, so two processes racing for one stream cannot both win. `gone`: the run is no
 * longer queued (finished, abandoned, or taken by another process).
 */
export async function claimRun(
  db: Db,
  runId: number,
  holder: { workerId: string; jobId?: string | null },
): Promise<{ outcome: 'claimed' | 'busy' | 'gone'; run: SyncRun; holder?: SyncRun }> {
  try {
    const [claimed] = await db
      .update(syncRuns)
      .set({
        status: 'running',
        workerId: holder.workerId,
        jobId: holder.jobId ?? sql`${syncRuns.jobId}`,
        startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
      })
      .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, 'queued')))
      .returning();
    if (claimed) return { outcome: 'claimed', run: claimed };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw notFound(`There is no sync run ${runId}.`);
  if (run.status !== 'queued') return { outcome: 'gone', run };
  const [running] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.channelId, run.channelId), eq(syncRuns.stream, run.stream), eq(syncRuns.status, 'running')));
  return { outcome: 'busy', run, holder: running };
}

export async function setRunTotal(db: Db, runId: number, total: number): Promise<void> {
  await db.update(syncRuns).set({ total }).where(eq(syncRuns.id, runId));
}

export interface RecordResult {
  key: string;
  outcome: RecordOutcome;
  message?: string;
  payload?: unknown;
}

/**
 * Adds a page of outcomes: counters move by the page, and failed records are kept with their
 * payload. Successful records are counted, not stored, so a run of 100,000 SKUs stays small.
 */
export async function recordResults(db: Db, runId: number, results: RecordResult[], heldBy?: string): Promise<void> {
  if (results.length === 0) return;
  const count = (o: RecordOutcome) => results.filter((r) => r.outcome === o).length;
  const failed = results.filter((r) => r.outcome === 'failed');
  const moved = await db
    .update(syncRuns)
    .set({
      done: sql`${syncRuns.done} + ${results.length}`,
      created: sql`${syncRuns.created} + ${count('created')}`,
      updated: sql`${syncRuns.updated} + ${count('updated')}`,
      unchanged: sql`${syncRuns.unchanged} + ${count('unchanged')}`,
      failed: sql`${syncRuns.failed} + ${failed.length}`,
    })
    .where(
      and(
        eq(syncRuns.id, runId),
        heldBy ? and(eq(syncRuns.workerId, heldBy), eq(syncRuns.status, 'running')) : undefined,
      ),
    )
    .returning({ id: syncRuns.id });
  // A process that stalled past its heartbeat had its run abandoned and taken over: it must stop.
  if (heldBy && moved.length === 0)
    throw new AppError('conflict', `Run ${runId} was taken over after this process stopped answering; it stops here.`);
  if (failed.length) {
    await db.insert(syncRunRecords).values(
      failed.map((r) => ({
        runId,
        recordKey: r.key,
        outcome: r.outcome,
        message: r.message ?? null,
        payload: r.payload ?? null,
      })),
    );
  }
}

/**
 * Closes a run: failed when it stopped on an error, partial when some records failed. An abandoned
 * run stays abandoned (its process was presumed dead and another run took over).
 */
export async function finishRun(db: Db, runId: number, error?: string): Promise<SyncRun> {
  const [run] = await db
    .update(syncRuns)
    .set({
      status: sql<SyncRunStatus>`case when ${error ?? null}::text is not null then 'failed'
      when ${syncRuns.failed} > 0 then 'partial' else 'succeeded' end`,
      error: error ?? null,
      finishedAt: new Date(),
    })
    .where(and(eq(syncRuns.id, runId), sql`${syncRuns.status} <> 'abandoned'`))
    .returning();
  if (run) return run;
  const [kept] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!kept) throw notFound(`There is no sync run ${runId}.`);
  return kept;
}

export async function getRun(db: Db, runId: number): Promise<SyncRun & { records: SyncRunRecord[] }> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw notFound(`There is no sync run ${runId}.`);
  const records = await db
    .select()
    .from(syncRunRecords)
    .where(eq(syncRunRecords.runId, runId))
    .orderBy(asc(syncRunRecords.id))
    .limit(1000);
  return { ...run, records };
}

/** A run as the console shows it: with its channel's code and name. */
export async function getRunWithChannel(db: Db, runId: number) {
  const run = await getRun(db, runId);
  const [channel] = await db
    .select({ code: channels.code, name: channels.name })
    .from(channels)
    .where(eq(channels.id, run.channelId));
  return { ...run, channel: channel.code, channelName: channel.name };
}

/** Refuses a run id that does not exist, with the same message as getRun. */
export async function requireRun(db: Db, runId: number): Promise<void> {
  const [run] = await db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw notFound(`There is no sync run ${runId}.`);
}

export interface RunQuery {
  channelId?: number;
  stream?: string;
  /** Only runs in these statuses (such as failed, partial and abandoned: the runs that need a look). */
  statuses?: SyncRunStatus[];
  /** Keyset paging, newest first: the last run id of the previous page. */
  after?: number;
  limit?: number;
}

export async function listRuns(db: Db, query: RunQuery): Promise<SyncRun[]> {
  return db
    .select()
    .from(syncRuns)
    .where(
      and(
        query.channelId ? eq(syncRuns.channelId, query.channelId) : undefined,
        query.stream ? eq(syncRuns.stream, query.stream) : undefined,
        query.statuses?.length ? inArray(syncRuns.status, query.statuses) : undefined,
        query.after ? lt(syncRuns.id, query.after) : undefined,
      ),
    )
    .orderBy(desc(syncRuns.id))
    .limit(Math.min(query.limit ?? 50, 500));
}

/** One page of runs and the key of the next, for lists that page on the server. */
export async function pageRuns(db: Db, query: RunQuery): Promise<{ items: SyncRun[]; next: string | null }> {
  const limit = Math.min(query.limit ?? 50, 500);
  const items = await listRuns(db, { ...query, limit: limit + 1 });
  const more = items.length > limit;
  if (more) items.pop();
  return { items, next: more ? String(items.at(-1)!.id) : null };
}

/** The failed records of a run, oldest first, paged by record id (a run of 100,000 SKUs may fail many). */
export async function pageFailedRecords(db: Db, runId: number, query: { after?: number; limit?: number }) {
  const limit = Math.min(query.limit ?? 50, 500);
  const items = await db
    .select()
    .from(syncRunRecords)
    .where(
      and(
        eq(syncRunRecords.runId, runId),
        eq(syncRunRecords.outcome, 'failed'),
        query.after ? gt(syncRunRecords.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(syncRunRecords.id))
    .limit(limit + 1);
  const more = items.length > limit;
  if (more) items.pop();
  return { items, next: more ? String(items.at(-1)!.id) : null };
}

/** How many failed records of a run no retry has taken yet (only among `recordIds` when given). */
export async function countUntriedRecords(db: Db, runId: number, recordIds?: number[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(syncRunRecords)
    .where(
      and(
        eq(syncRunRecords.runId, runId),
        eq(syncRunRecords.outcome, 'failed'),
        isNull(syncRunRecords.retriedAt),
        recordIds ? inArray(syncRunRecords.id, recordIds) : undefined,
      ),
    );
  return row.n;
}

/**
 * Failed records not yet retried; taking them marks them, so two retries never take the same one.
 * With `recordIds`, only those records (a person retrying one record of the run).
 */
export async function takeFailedRecords(db: Db, runId: number, recordIds?: number[]): Promise<SyncRunRecord[]> {
  return db
    .update(syncRunRecords)
    .set({ retriedAt: new Date() })
    .where(
      and(
        eq(syncRunRecords.runId, runId),
        eq(syncRunRecords.outcome, 'failed'),
        isNull(syncRunRecords.retriedAt),
        recordIds ? inArray(syncRunRecords.id, recordIds) : undefined,
      ),
    )
    .returning();
}
