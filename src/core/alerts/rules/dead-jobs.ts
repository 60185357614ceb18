import type { AlertRule } from '../rule.ts';

/**
 * Jobs that ran out of retries land in `<queue>.dead` (jobs/registry.ts). Each queue with a job
 * dead-lettered within the window alerts; the alert clears once the newest one is older than it.
 */
export const deadJobsRule: AlertRule = {
  name: 'dead-job',
  title: 'Job dead-lettered',
  async evaluate({ database, settings, now }) {
    const { rows } = await database.query<{ name: string; n: number; newest: Date | string }>(
      `select name, count(*)::int as n, max(created_on) as newest from pgboss.job
       where name like '%.dead' and created_on > $1::timestamptz - make_interval(hours => $2::int)
       group by name`,
      [now.toISOString(), settings.deadJobWindowHours],
    );
    return rows.map((r) => {
      const queue = r.name.slice(0, -'.dead'.length);
      return {
        subject: queue,
        summary: `${r.n} job${r.n === 1 ? '' : 's'} of queue ${queue} ran out of retries in the last ${settings.deadJobWindowHours} h (latest ${new Date(r.newest).toISOString()}). /health lists the queue; the job's data is in ${r.name}.`,
      };
    });
  },
};
