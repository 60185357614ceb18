import type { AlertRule } from '../rule.ts';

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** A channel's latest reconciliation found more of its listings drifted than the allowed share. */
export const reconciliationDriftRule: AlertRule = {
  name: 'reconciliation-drift',
  title: 'Reconciliation drift',
  async evaluate({ database, settings }) {
    const { rows } = await database.query<{
      code: string;
      id: number;
      compared: number;
      drifted: number;
      at: Date | string;
    }>(
      `select distinct on (r.channel_id) c.code, r.id::int as id, r.compared, r.drifted, r.created_at as at
       from reconciliation_reports r join channels c on c.id = r.channel_id
       where c.status = 'active'
       order by r.channel_id, r.id desc`,
    );
    return rows
      .filter((r) => r.compared > 0 && r.drifted / r.compared > settings.reconciliationDriftShare)
      .map((r) => ({
        subject: r.code,
        summary: `The latest reconciliation of channel ${r.code} (report ${r.id}, ${new Date(r.at).toISOString()}) found ${r.drifted} of ${r.compared} listings drifted (${percent(r.drifted / r.compared)}, above ${percent(settings.reconciliationDriftShare)}). Read the report on Channel inventory.`,
      }));
  },
};
