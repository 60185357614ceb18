import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { queryRows } from '../../db/rows.ts';
import { channels, orders } from '../../db/schema.ts';
import type { DescriptorLookup } from '../channels.ts';
import { defaultSlaSettings, openSlaStates, type OpenSlaState, type SlaSettings } from './sla.ts';

/**
 * The SLA clock in SQL, for what must happen in the database (sorting by dispatch-by, filtering by
 * state, counting): the same rules as sla.ts, with each channel's hours from its policy written into
 * a `case` on the channel id, so the core never reads a channel's own settings.
 */
export type SlaByChannel = Map<number, SlaSettings>;

export async function slaByChannel(db: Db, lookup: DescriptorLookup): Promise<SlaByChannel> {
  const rows = await db.select({ id: channels.id, type: channels.type, settings: channels.settings }).from(channels);
  return new Map(rows.map((c) => [c.id, lookup(c.type)?.policy(c.settings).sla ?? defaultSlaSettings]));
}

export const slaOf = (map: SlaByChannel, channelId: number) => map.get(channelId) ?? defaultSlaSettings;

/** Hours per channel as `case channel_id when … then … end` (the default for a channel added since). */
function hoursCase(map: SlaByChannel, pick: (s: SlaSettings) => number): SQL {
  if (map.size === 0) return sql`${pick(defaultSlaSettings)}::int`;
  const whens = [...map].map(([id, s]) => sql` when ${id}::int then ${pick(s)}::int`);
  return sql`(case ${orders.channelId}${sql.join(whens)} else ${pick(defaultSlaSettings)}::int end)`;
}

/** When the PO left: its first shipped (or delivered) event; a PO first seen shipped counts from then. */
export const dispatchedAtSql = sql<Date | null>`(select min(e.at) from order_events e
  where e.order_id = ${orders.id} and e.status in ('shipped', 'delivered'))`;

/** Statuses whose SLA clock still runs (nothing dispatched, not cancelled). */
export const runningStatuses = ['on_hold', 'open', 'picking', 'packed', 'ready_to_ship'] as const;

export function slaSql(map: SlaByChannel, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const dispatchBy = sql<Date | null>`(${orders.poDate} + make_interval(hours => ${hoursCase(map, (s) => s.targetHours)}))`;
  const dispatchLimit = sql<Date | null>`(${orders.poDate} + make_interval(hours => ${hoursCase(map, (s) => s.limitHours)}))`;
  const atRisk = sql`(${dispatchBy} - make_interval(hours => ${hoursCase(map, (s) => s.atRiskHours)}))`;
  const running = sql`${orders.status} in ('on_hold', 'open', 'picking', 'packed', 'ready_to_ship')`;
  /** The state of a PO whose clock runs (null otherwise): the same boundaries as openSlaState. */
  const openState = sql<OpenSlaState | null>`(case when ${orders.poDate} is null or not ${running} then null
    when ${at} > ${dispatchLimit} then 'breached_limit'
    when ${at} > ${dispatchBy} then 'breached_target'
    when ${at} >= ${atRisk} then 'at_risk'
    else 'due' end)`;
  return { dispatchBy, dispatchLimit, openState, running };
}

export type SlaStateCounts = Record<OpenSlaState, number>;

/**
 * How many of a channel's POs whose clock runs are in each state at `now` — for the alert on POs at
 * risk or breached and the "POs by SLA state" gauge. POs without a PO date are not counted.
 */
export async function slaStateCounts(
  db: Db,
  channelId: number,
  now: Date,
  lookup: DescriptorLookup,
): Promise<SlaStateCounts> {
  const map = await slaByChannel(db, lookup);
  const { openState } = slaSql(map, now);
  const rows = await queryRows<{ state: OpenSlaState; n: number }>(
    db,
    sql`select state, count(*)::int as n from (select ${openState} as state from ${orders}
      where ${orders.channelId} = ${channelId}) t where state is not null group by state`,
  );
  const counts = Object.fromEntries(openSlaStates.map((s) => [s, 0])) as SlaStateCounts;
  for (const r of rows) if (r.state) counts[r.state] = Number(r.n);
  return counts;
}
