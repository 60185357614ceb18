import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/connect.ts';
import { channels, syncRunRecords, syncRuns, warehouses } from '../../db/schema.ts';
import type { Logger } from '../../log.ts';
import type { ChannelDescriptor, ChannelRef, StreamRunner } from '../channel-descriptor.ts';
import type { SecretBox } from '../secrets.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import {
  claimRun,
  countUntriedRecords,
  createRun,
  finishRun,
  recordResults,
  setRunTotal,
  takeFailedRecords,
  type SyncRun,
} from './runs.ts';
import { foregroundTiming, WorkerLiveness } from './liveness.ts';
import { noteLoginRefused, noteLoginSucceeded } from '../channel-login.ts';

/**
 * Sync runs: asking for one (now, on schedule, or to retry failed records) and executing it. At most
 * one run per channel and stream is running at a time: executing a run first claims it, and the claim
 * fails while another run of the stream holds the stream's lease (see claimRun). The queue itself has
 * no per-stream limit, so a busy or dead stream never holds up another. A run whose process died is
 * closed `abandoned` by the supervisor and continued by a new run, which streams make safe by being
 * idempotent.
 */
export type DescriptorLookup = (type: string) => ChannelDescriptor | undefined;
export type SendJob = (
  name: string,
  data: object,
  options?: { singletonKey?: string; startAfterSeconds?: number },
) => Promise<string | null>;

export const syncJobName = 'channel.sync';

/** What the queue carries for a run: which run, and for a retry, which run's failed records (all, or these). */
export interface SyncJobData {
  runId: number;
  retryOf?: number | null;
  recordIds?: number[];
}

async function loadChannel(database: Database, where: { code?: string; id?: number }) {
  const [row] = await database.db
    .select({ channel: channels, warehouseCode: warehouses.code })
    .from(channels)
    .innerJoin(warehouses, eq(warehouses.id, channels.warehouseId))
    .where(where.code ? eq(channels.code, where.code.toUpperCase()) : eq(channels.id, where.id!));
  if (!row) throw notFound(`There is no channel with code ${where.code ?? where.id}.`);
  return row;
}

function runnerFor(lookup: DescriptorLookup, type: string, stream: string): StreamRunner {
  const runner = lookup(type)?.streams.find((s) => s.name === stream);
  if (!runner) {
    const names =
      lookup(type)
        ?.streams.map((s) => s.name)
        .join(', ') ?? 'none';
    throw invalid(`There is no stream "${stream}" for this channel; streams: ${names}.`, 'stream');
  }
  return runner;
}

/** Creates a queued run and puts it on the queue. Refused at once when the settings turn it off. */
export async function requestRun(
  database: Database,
  lookup: DescriptorLookup,
  send: SendJob,
  input: {
    channelCode: string;
    stream: string;
    trigger: 'schedule' | 'manual' | 'retry';
    retryOf?: number;
    recordIds?: number[];
  },
): Promise<SyncRun> {
  const { channel } = await loadChannel(database, { code: input.channelCode });
  const runner = runnerFor(lookup, channel.type, input.stream);
  const disabled = runner.disabledBecause(channel.settings);
  if (disabled) throw new AppError('conflict', disabled);
  if (channel.status !== 'active')
    throw new AppError('conflict', `Channel ${channel.code} is ${channel.status}: activate it to sync.`);
  const run = await createRun(database.db, { channelId: channel.id, stream: input.stream, trigger: input.trigger });
  const data: SyncJobData = {
    runId: run.id,
    retryOf: input.retryOf ?? null,
    ...(input.recordIds ? { recordIds: input.recordIds } : {}),
  };
  const jobId = await send(syncJobName, data);
  await database.db.update(syncRuns).set({ jobId }).where(eq(syncRuns.id, run.id));
  return { ...run, jobId };
}

/**
 * A new run of the same stream that re-processes the failed records of `runId` — all those no retry
 * has taken yet, or just one (`recordId`) when a person retries a single record.
 */
export async function retryFailed(
  database: Database,
  lookup: DescriptorLookup,
  send: SendJob,
  runId: number,
  recordId?: number,
): Promise<SyncRun> {
  const [run] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw notFound(`There is no sync run ${runId}.`);
  if (recordId !== undefined) {
    const [record] = await database.db.select().from(syncRunRecords).where(eq(syncRunRecords.id, recordId));
    if (!record || record.runId !== runId || record.outcome !== 'failed')
      throw invalid(`Run ${runId} has no failed record ${recordId}.`, 'record');
    if (record.retriedAt)
      throw new AppError(
        'conflict',
        `Record ${record.recordKey} of run ${runId} was already retried; see the newer runs of this stream.`,
        { field: 'record' },
      );
  } else if ((await countUntriedRecords(database.db, runId)) === 0) {
    throw new AppError('conflict', `Run ${runId} has no failed records left to retry.`);
  }
  const { channel } = await loadChannel(database, { id: run.channelId });
  return requestRun(database, lookup, send, {
    channelCode: channel.code,
    stream: run.stream,
    trigger: 'retry',
    retryOf: runId,
    recordIds: recordId === undefined ? undefined : [recordId],
  });
}

export interface ExecuteOptions {
  database: Database;
  secrets: SecretBox;
  lookup: DescriptorLookup;
  log: Logger;
  /**
   * The process running it (a job worker's heartbeat row) and the job. Without one (`weft sync`,
   * tests), the run registers a heartbeat of its own for as long as it runs.
   */
  holder?: { workerId: string; jobId?: string | null };
}

/** Another run of the same channel and stream is running: this one waits its turn. */
export class StreamBusyError extends AppError {
  constructor(
    readonly run: SyncRun,
    readonly holder: SyncRun | undefined,
  ) {
    super(
      'conflict',
      `Run ${holder?.id ?? '?'} of ${run.stream} for this channel is running; run ${run.id} starts when it ends.`,
    );
  }
}

/**
 * Executes a queued run: the job handler, and `weft sync` in the foreground. Never throws for a
 * stream's own failure. With a holder (a job) it throws StreamBusyError when another run of the
 * stream holds it; in the foreground it waits for that run while its process is alive. A run that is
 * not queued (finished, abandoned, or running in another process) is answered as it stands.
 */
export async function executeRun(
  options: ExecuteOptions,
  runId: number,
  retryOf: number | null,
  recordIds?: number[],
): Promise<SyncRun> {
  if (options.holder) return executeHeld(options, options.holder, runId, retryOf, recordIds);
  const liveness = await WorkerLiveness.start(options.database, options.log, foregroundTiming);
  try {
    // In the foreground (`weft sync`) a busy stream is waited for, as long as its holder is alive.
    for (;;) {
      try {
        return await executeHeld(options, { workerId: liveness.id }, runId, retryOf, recordIds);
      } catch (error) {
        if (!(error instanceof StreamBusyError) || !(await holderAlive(options.database, error.holder))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await liveness.stop();
  }
}

/** Whether the process holding a run still beats (within a minute: any supervise interval's stale limit is shorter). */
async function holderAlive(database: Database, holder: SyncRun | undefined): Promise<boolean> {
  if (!holder?.workerId) return true; // it just ended, or is being claimed: look again
  const { rows } = await database.query(
    "select 1 from weft_workers where id = $1 and last_seen_at > now() - interval '1 minute'",
    [holder.workerId],
  );
  return rows.length > 0;
}

async function executeHeld(
  options: ExecuteOptions,
  holder: { workerId: string; jobId?: string | null },
  runId: number,
  retryOf: number | null,
  recordIds?: number[],
): Promise<SyncRun> {
  const { database, secrets, lookup, log } = options;
  const [run] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw notFound(`There is no sync run ${runId}.`);
  if (run.status !== 'queued') return run;
  const { channel, warehouseCode } = await loadChannel(database, { id: run.channelId });
  const runner = runnerFor(lookup, channel.type, run.stream);
  const runLog = log.child({ channel: channel.code, stream: run.stream, runId });
  const claim = await claimRun(database.db, runId, holder);
  if (claim.outcome === 'busy') throw new StreamBusyError(claim.run, claim.holder);
  if (claim.outcome === 'gone') return claim.run;
  try {
    const disabled = runner.disabledBecause(channel.settings);
    if (disabled) return await finishRun(database.db, runId, disabled);
    if (!channel.credentials)
      return await finishRun(database.db, runId, `Channel ${channel.code} has no interface credentials.`);
    const ref: ChannelRef = {
      id: channel.id,
      code: channel.code,
      name: channel.name,
      warehouseId: channel.warehouseId,
      warehouseCode,
    };
    await runner.run({
      database,
      channel: ref,
      settings: channel.settings,
      credentials: secrets.openJson(channel.credentials),
      runId,
      log: runLog,
      retrying: retryOf ? await takeFailedRecords(database.db, retryOf, recordIds) : undefined,
      setTotal: (total) => setRunTotal(database.db, runId, total),
      record: (results) => recordResults(database.db, runId, results, holder.workerId),
    });
    return await finishRun(database.db, runId);
  } catch (error) {
    runLog.warn({ err: error }, 'sync run failed');
    const refused = lookup(channel.type)?.loginRefused?.(error);
    if (refused) await noteLoginRefused(database.db, channel.id, refused);
    return finishRun(database.db, runId, (error as Error).message);
  } finally {
    const descriptor = lookup(channel.type);
    const validUntil = descriptor?.sessionValidUntil?.(channel.code) ?? null;
    await noteSession(database, channel.id, validUntil);
    // The session this process holds was obtained one token lifetime before it expires.
    if (validUntil && descriptor)
      await noteLoginSucceeded(
        database.db,
        channel.id,
        new Date(validUntil.getTime() - descriptor.capabilities.tokenLifetimeSeconds * 1000),
      );
  }
}

/** Keeps the channel's marketplace session expiry for Manage Channels; only a later expiry replaces it. */
export async function noteSession(database: Database, channelId: number, validUntil: Date | null) {
  if (!validUntil) return;
  await database.db
    .update(channels)
    .set({ sessionValidUntil: validUntil })
    .where(
      and(
        eq(channels.id, channelId),
        sql`(${channels.sessionValidUntil} is null or ${channels.sessionValidUntil} < ${validUntil.toISOString()})`,
      ),
    );
}

/** Last run per stream of each channel, for the Manage Channels list. */
export async function lastRunsByChannel(database: Database, channelIds: number[]): Promise<Map<number, SyncRun[]>> {
  if (channelIds.length === 0) return new Map();
  const rows = await database.db
    .selectDistinctOn([syncRuns.channelId, syncRuns.stream])
    .from(syncRuns)
    .where(inArray(syncRuns.channelId, channelIds))
    .orderBy(syncRuns.channelId, syncRuns.stream, desc(syncRuns.id));
  const byChannel = new Map<number, SyncRun[]>();
  for (const r of rows) byChannel.set(r.channelId, [...(byChannel.get(r.channelId) ?? []), r]);
  return byChannel;
}

/**
 * The job of an abandoned run came back (its process died): a new run of the same stream, trigger
 * and retried records continues the work, and the abandoned run says which run took over.
 */
export async function continueAbandoned(
  database: Database,
  abandoned: SyncRun,
  jobId: string | null,
): Promise<SyncRun> {
  const run = await createRun(database.db, {
    channelId: abandoned.channelId,
    stream: abandoned.stream,
    trigger: abandoned.trigger as 'schedule' | 'manual' | 'retry',
    jobId: jobId ?? undefined,
  });
  await database.db
    .update(syncRuns)
    .set({ error: sql`coalesce(${syncRuns.error}, 'abandoned') || ${` Continued by run ${run.id}.`}` })
    .where(eq(syncRuns.id, abandoned.id));
  return run;
}

/** Whether a run of this stream is waiting or running, so the scheduler does not pile up another. */
export async function hasPendingRun(database: Database, channelId: number, stream: string): Promise<boolean> {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.channelId, channelId),
        eq(syncRuns.stream, stream),
        inArray(syncRuns.status, ['queued', 'running']),
      ),
    );
  return row.n > 0;
}
