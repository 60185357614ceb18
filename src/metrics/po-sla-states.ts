import type { Database } from '../db/connect.ts';
import { channelDescriptor } from '../channels/registry.ts';
import { slaStateCounts } from '../core/orders/sla-sql.ts';

/**
 * The source of the gauge weft_purchase_orders_by_sla_state{channel,state}: POs whose SLA clock runs
 * (core/orders/sla.ts), per channel and state — due, at_risk, breached_target, breached_limit — as the
 * orders list and the "POs at risk or breached" alert count them. Every state of every channel is
 * given, zeros included, so a state that empties reads 0 rather than disappearing.
 */
export interface PoSlaStateCount {
  channel: string;
  state: string;
  count: number;
}

export type PoSlaStateSource = (database: Database) => Promise<PoSlaStateCount[]>;

export const readPoSlaStates: PoSlaStateSource | null = async (database) => {
  const { rows } = await database.query<{ id: number; code: string }>('select id, code from channels order by code');
  const now = new Date();
  const counts: PoSlaStateCount[] = [];
  for (const channel of rows) {
    const byState = await slaStateCounts(database.db, channel.id, now, channelDescriptor);
    for (const [state, count] of Object.entries(byState)) counts.push({ channel: channel.code, state, count });
  }
  return counts;
};
