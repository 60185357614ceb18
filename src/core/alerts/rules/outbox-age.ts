import { minutesText, type AlertRule } from '../rule.ts';

/** Pushes (invoices, cancellations, dispatches…) still waiting in the outbox longer than the limit, per channel. */
export const outboxAgeRule: AlertRule = {
  name: 'outbox-age',
  title: 'Push waiting too long',
  async evaluate({ database, settings, now }) {
    const { rows } = await database.query<{
      code: string | null;
      n: number;
      oldest: Date | string;
      last_error: string | null;
    }>(
      `select c.code, count(*)::int as n, min(o.created_at) as oldest,
              (array_agg(o.last_error order by o.updated_at desc) filter (where o.last_error is not null))[1] as last_error
       from outbox o left join channels c on c.id = o.channel_id
       where o.status in ('pending', 'in_flight', 'indeterminate')
         and o.created_at < $1::timestamptz - make_interval(mins => $2::int)
       group by c.code`,
      [now.toISOString(), settings.outboxMaxAgeMinutes],
    );
    return rows.map((r) => {
      const age = (now.getTime() - new Date(r.oldest).getTime()) / 60_000;
      const where = r.code ? `channel ${r.code}` : 'no channel';
      return {
        subject: r.code ?? '-',
        summary: `${r.n} push${r.n === 1 ? '' : 'es'} of ${where} waiting longer than ${minutesText(settings.outboxMaxAgeMinutes)} (the oldest for ${minutesText(age)})${r.last_error ? `; last error: ${r.last_error}` : ''}. Open the orders concerned and send again, or check the channel's connection.`,
      };
    });
  },
};
