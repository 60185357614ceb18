/** The answer of /health. */
import { z } from 'zod';
import { errorBody, timestamp } from './common.ts';

export const health = z.object({
  status: z.literal('ok'),
  /** When this process started, as ISO-8601. */
  startedAt: z.string(),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    location: z.string(),
    schemaVersion: z.number().int(),
    latestSchemaVersion: z.number().int(),
  }),
  queue: z.object({
    lastWorkerHeartbeat: z.string().nullable(),
    /** Processes working jobs, by their heartbeat. */
    workers: z.array(
      z.object({ host: z.string(), pid: z.number().int(), startedAt: timestamp, lastSeenAt: timestamp }),
    ),
    /** Per queue, its jobs by state. */
    queues: z.array(
      z.object({
        name: z.string(),
        created: z.number().int(),
        retry: z.number().int(),
        active: z.number().int(),
        failed: z.number().int(),
        dead: z.number().int(),
      }),
    ),
  }),
});

/** The database does not answer. */
export const unavailable = errorBody.extend({ status: z.literal('unavailable') });
