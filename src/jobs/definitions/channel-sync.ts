import { and, desc, eq } from 'drizzle-orm';
import { channels, syncRuns } from '../../db/schema.ts';
import {
  continueAbandoned,
  executeRun,
  hasPendingRun,
  requestRun,
  StreamBusyError,
  syncJobName,
  type SyncJobData,
} from '../../core/sync/execute.ts';
import { AppError } from '../../core/errors.ts';
import { defineJob } from '../registry.ts';

/** How soon a run that found its stream busy asks again. */
export const busyStreamRetrySeconds = 3;

/**
 * Executes one sync run (a pull or a push of one channel). The queue is `standard`: one run per
 * channel and stream is enforced by the run's claim (the stream's lease), not by pg-boss's singleton
 * policy, under which one busy stream's waiting job stops the queue for every channel. A run that
 * finds its stream busy waits in a new job a few seconds later while the queue serves others; the
 * job of a run whose process died comes back through the supervisor and continues in a new run.
 */
export const channelSyncJob = defineJob<SyncJobData>({
  name: syncJobName,
  description: 'Runs one stream or push of one channel.',
  policy: 'standard',
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireInSeconds: 60 * 60,
  async handler(data, { database, secrets, lookup, log, send }, job) {
    let runId = data.runId;
    const [current] = await database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (current?.status === 'abandoned') runId = (await continueAbandoned(database, current, job.id)).id;
    try {
      const run = await executeRun(
        { database, secrets, lookup, log, holder: { workerId: job.workerId, jobId: job.id } },
        runId,
        data.retryOf ?? null,
        data.recordIds,
      );
      return { runId: run.id, status: run.status };
    } catch (error) {
      if (!(error instanceof StreamBusyError)) throw error;
      const jobId = await send(syncJobName, { ...data, runId }, { startAfterSeconds: busyStreamRetrySeconds });
      await database.db.update(syncRuns).set({ jobId }).where(eq(syncRuns.id, runId));
      return { runId, status: 'waiting', behind: error.holder?.id ?? null };
    }
  },
});

const minuteOfIstDay = (date: Date) => {
  const ist = new Date(date.getTime() + 330 * 60_000);
  return ist.getUTCHours() * 60 + ist.getUTCMinutes();
};
const istMidnight = (date: Date) => {
  const ist = new Date(date.getTime() + 330 * 60_000);
  return new Date(Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate()) - 330 * 60_000);
};

/** Whether a stream is due, given when its last run was asked for. */
export function isDue(
  schedule: { everyMinutes: number } | { dailyAtIst: string },
  lastRunAt: Date | null,
  now: Date,
): boolean {
  if ('everyMinutes' in schedule)
    return !lastRunAt || now.getTime() - lastRunAt.getTime() >= schedule.everyMinutes * 60_000 - 5_000;
  const [h, m] = schedule.dailyAtIst.split(':').map(Number);
  const todayAt = new Date(istMidnight(now).getTime() + (h * 60 + m) * 60_000);
  return minuteOfIstDay(now) >= h * 60 + m && (!lastRunAt || lastRunAt < todayAt);
}

/**
 * Every minute: for each active channel, asks for the runs its settings make due (pendency every 15
 * minutes, inventory in real time or on its interval, reconciliation daily at its IST time, …).
 */
export const channelScheduleJob = defineJob<object>({
  name: 'channel.schedule',
  description: 'Starts the sync runs that channel settings make due.',
  policy: 'singleton',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 120,
  cron: '* * * * *',
  async handler(_data, { database, lookup, log, send }) {
    const now = new Date();
    const started: string[] = [];
    for (const channel of await database.db.select().from(channels).where(eq(channels.status, 'active'))) {
      const descriptor = lookup(channel.type);
      for (const stream of descriptor?.streams ?? []) {
        const schedule = stream.schedule(channel.settings);
        if (!schedule || stream.disabledBecause(channel.settings)) continue;
        const [last] = await database.db
          .select({ createdAt: syncRuns.createdAt })
          .from(syncRuns)
          .where(
            and(eq(syncRuns.channelId, channel.id), eq(syncRuns.stream, stream.name), eq(syncRuns.trigger, 'schedule')),
          )
          .orderBy(desc(syncRuns.id))
          .limit(1);
        if (!isDue(schedule, last?.createdAt ?? null, now) || (await hasPendingRun(database, channel.id, stream.name)))
          continue;
        try {
          await requestRun(database, lookup, send, {
            channelCode: channel.code,
            stream: stream.name,
            trigger: 'schedule',
          });
          started.push(`${channel.code}:${stream.name}`);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          log.warn({ channel: channel.code, stream: stream.name, err: error }, 'scheduled run not started');
        }
      }
    }
    return { started };
  },
});
