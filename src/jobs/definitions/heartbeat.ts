import { sql } from 'drizzle-orm';
import { weftMeta } from '../../db/schema.ts';
import { defineJob } from '../registry.ts';

export const heartbeatKey = 'worker_heartbeat';

/**
 * Once a minute a worker notes the time. /health shows it, so "no worker is running" or "the
 * scheduler is stuck" is visible at a glance instead of discovered through missing orders.
 */
export const heartbeatJob = defineJob<object>({
  name: 'system.heartbeat',
  description: 'Records that a worker and the scheduler are alive.',
  policy: 'singleton',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 60,
  cron: '* * * * *',
  async handler(_data, { database }) {
    const at = new Date().toISOString();
    await database.db
      .insert(weftMeta)
      .values({ key: heartbeatKey, value: at })
      .onConflictDoUpdate({ target: weftMeta.key, set: { value: sql`excluded.value` } });
    return { at };
  },
});
