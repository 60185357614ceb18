import { eq } from 'drizzle-orm';
import { channels } from '../../../db/schema.ts';
import { slaStateCounts } from '../../orders/sla-sql.ts';
import type { AlertRule } from '../rule.ts';

/**
 * POs of a channel at risk of missing their dispatch-by time, or past it (the SLA clock,
 * core/orders/sla.ts): one alert per channel while any is, naming how many in each state.
 */
export const poSlaRule: AlertRule = {
  name: 'po-sla',
  title: 'POs at risk or breached',
  async evaluate({ database, lookup, now }) {
    const active = await database.db
      .select({ id: channels.id, code: channels.code })
      .from(channels)
      .where(eq(channels.status, 'active'));
    const findings = [];
    for (const channel of active) {
      const counts = await slaStateCounts(database.db, channel.id, now, lookup);
      const parts = [
        counts.breached_limit ? `${counts.breached_limit} past the dispatch limit` : '',
        counts.breached_target ? `${counts.breached_target} past the dispatch target` : '',
        counts.at_risk ? `${counts.at_risk} at risk` : '',
      ].filter(Boolean);
      if (parts.length === 0) continue;
      findings.push({
        subject: channel.code,
        summary: `Channel ${channel.code} has POs waiting to be dispatched: ${parts.join(', ')}. Open Orders sorted by dispatch-by (SLA filter "breached") and pick them first.`,
      });
    }
    return findings;
  },
};
