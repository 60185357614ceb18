import type { AlertRule } from '../rule.ts';

/** Open contract drift events of a channel: the marketplace's answers changed shape and records are held. */
export const contractDriftRule: AlertRule = {
  name: 'contract-drift',
  title: 'Contract drift',
  async evaluate({ database }) {
    const { rows } = await database.query<{ code: string; n: number; fields: string[] }>(
      `select c.code, count(*)::int as n, array_agg(e.call || ' ' || e.field_path order by e.id) as fields
       from contract_drift_events e join channels c on c.id = e.channel_id
       where e.resolved_at is null group by c.code`,
    );
    return rows.map((r) => ({
      subject: r.code,
      summary: `Channel ${r.code} has ${r.n} open contract drift event${r.n === 1 ? '' : 's'} (${r.fields.slice(0, 3).join('; ')}${r.n > 3 ? '; …' : ''}): the marketplace's answers changed shape and the affected records are held. See Contract drift on Manage Channels.`,
    }));
  },
};
