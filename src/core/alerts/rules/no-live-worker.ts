import type { AlertRule } from '../rule.ts';

/**
 * Fewer processes working jobs (a fresh heartbeat in weft_workers) than the least expected: nothing
 * syncs, no document is retried. A process counts as live when it beat within two minutes — far
 * beyond any supervisor's stale limit, so a slow beat does not alert.
 */
export const noLiveWorkerRule: AlertRule = {
  name: 'no-live-worker',
  title: 'Too few live workers',
  async evaluate({ database, settings, now }) {
    const { rows } = await database.query<{ n: number; last: Date | string | null }>(
      `select count(*) filter (where last_seen_at > $1::timestamptz - interval '2 minutes')::int as n,
              max(last_seen_at) as last from weft_workers`,
      [now.toISOString()],
    );
    const live = rows[0]?.n ?? 0;
    if (live >= settings.minLiveWorkers) return [];
    const last = rows[0]?.last ? new Date(rows[0].last).toISOString() : null;
    return [
      {
        subject: 'workers',
        summary: `${live} job worker${live === 1 ? ' is' : 's are'} live, fewer than ${settings.minLiveWorkers}${last ? ` (last heartbeat ${last})` : ''}: no sync, push or document retry runs. Start \`weft worker\` (or \`weft start\`).`,
      },
    ];
  },
};
