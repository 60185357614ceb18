import type { Database } from '../db/connect.ts';

/**
 * The registration point of the gauge weft_purchase_orders_by_sla_state{channel,state}: POs by their
 * dispatch SLA state (issue 15, the SLA clock). Until a source is set here the gauge is declared with
 * no samples — Weft never reports a figure it has not computed. The SLA clock's core function goes
 * here, one row per channel and state (such as due, at_risk, breached_target, breached_limit).
 */
export interface PoSlaStateCount {
  channel: string;
  state: string;
  count: number;
}

export type PoSlaStateSource = (database: Database) => Promise<PoSlaStateCount[]>;

export const readPoSlaStates: PoSlaStateSource | null = null;
