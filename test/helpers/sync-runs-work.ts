import { eq } from 'drizzle-orm';
import { syncJobName, type SyncJobData } from '../../src/core/sync/execute.ts';
import { getRun } from '../../src/core/sync/runs.ts';
import { syncRuns } from '../../src/db/schema.ts';
import { channelSyncJob } from '../../src/jobs/definitions/channel-sync.ts';
import { createLogger } from '../../src/log.ts';
import { foregroundTiming, WorkerLiveness } from '../../src/core/sync/liveness.ts';
import type { TestApp } from './app.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';

/**
 * Works the queued job of a run as a worker would (createTestApp starts none): the job's own data
 * through the real job handler, so what the API put on the queue (a retry of one record, or of all)
 * is what runs. Resolves with the finished run.
 */
export async function workQueuedRun(t: TestApp, runId: number) {
  const [run] = await t.database.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run?.jobId) throw new Error(`run ${runId} has no job on the queue`);
  const job = await t.jobs.boss.getJobById<SyncJobData>(syncJobName, run.jobId);
  if (!job) throw new Error(`the job of run ${runId} is not on the queue`);
  const log = createLogger('silent');
  const worker = await WorkerLiveness.start(t.database, log, foregroundTiming);
  try {
    await channelSyncJob.handler(
      job.data,
      {
        database: t.database,
        secrets: t.secrets,
        lookup: channelDescriptor,
        log,
        send: (name, data, options) => t.jobs.send(name, data, options),
      },
      { id: job.id, retryCount: 0, workerId: worker.id },
    );
  } finally {
    await worker.stop();
  }
  await t.jobs.boss.complete(syncJobName, job.id);
  return getRun(t.database.db, runId);
}
