/** Answers of /api/sync-runs and a channel's runs. */
import { z } from 'zod';
import { timestamp } from './common.ts';

/** `abandoned`: its worker process died; its job went back to the queue and a newer run continues it. */
export const runStatuses = ['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled', 'abandoned'] as const;

const int = z.number().int();

export const syncRun = z.object({
  id: int,
  channelId: int,
  stream: z.string(),
  status: z.enum(runStatuses),
  /** schedule, manual or retry. */
  trigger: z.string(),
  jobId: z.string().nullable(),
  /** The worker process running it, while it runs. */
  workerId: z.string().nullable(),
  total: int.nullable(),
  done: int,
  created: int,
  updated: int,
  unchanged: int,
  failed: int,
  error: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export const runRecord = z.object({
  id: int,
  runId: int,
  recordKey: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'failed']),
  message: z.string().nullable(),
  payload: z.unknown(),
  retriedAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const runPage = z.object({ items: z.array(syncRun), next: z.string().nullable() });
export const recordPage = z.object({ items: z.array(runRecord), next: z.string().nullable() });

/** A run with its channel, its first failed records, and how many no retry has taken yet. */
export const runView = syncRun.extend({
  records: z.array(runRecord),
  channel: z.string(),
  channelName: z.string(),
  untried: int,
});
