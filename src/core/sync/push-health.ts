import type { Database } from '../../db/connect.ts';

/**
 * What a channel still owes the marketplace: pushes (invoices, cancellations, dispatches…) waiting in
 * the outbox, how many of them have failed at least once and are being retried, the oldest one's age
 * and the last error — so a push that keeps failing stands out in Manage Channels, not only on the
 * order it belongs to.
 */
export interface PushHealth {
  waiting: number;
  retrying: number;
  oldestWaitingSince: Date | null;
  lastError: string | null;
}

export async function pushHealthByChannel(database: Database, channelIds: number[]): Promise<Map<number, PushHealth>> {
  const health = new Map<number, PushHealth>();
  if (channelIds.length === 0) return health;
  const { rows } = await database.query<{
    channel_id: number;
    waiting: number;
    retrying: number;
    oldest: Date | string | null;
    last_error: string | null;
  }>(
    `select channel_id, count(*)::int as waiting, count(*) filter (where attempts > 0)::int as retrying, min(created_at) as oldest,
            (array_agg(last_error order by updated_at desc) filter (where last_error is not null))[1] as last_error
     from outbox where status in ('pending', 'in_flight', 'indeterminate') and channel_id = any($1::int[])
     group by channel_id`,
    [channelIds],
  );
  for (const r of rows) {
    health.set(Number(r.channel_id), {
      waiting: r.waiting,
      retrying: r.retrying,
      oldestWaitingSince: r.oldest ? new Date(r.oldest) : null,
      lastError: r.last_error,
    });
  }
  return health;
}

export const noPushesWaiting: PushHealth = { waiting: 0, retrying: 0, oldestWaitingSince: null, lastError: null };
