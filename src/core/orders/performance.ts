import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { queryRows } from '../../db/rows.ts';
import { channels } from '../../db/schema.ts';
import type { StockSource } from '../channel-descriptor.ts';
import type { DescriptorLookup } from '../channels.ts';
import { notFound } from '../errors.ts';
import { defaultSlaSettings, type SlaSettings } from './sla.ts';

/**
 * A channel's fulfilment figures per day. Every figure is counted by **PO day**: the IST calendar date
 * of the PO date. A unit shipped on the 3rd of a PO dated the 2nd counts on the 2nd, so a day's row
 * says what became of that day's POs, and its numbers can be checked PO by PO on the orders list
 * (filtered by PO date). A day's row keeps changing while its POs are still being worked.
 *
 * - units: Σ quantity of the lines of the POs dated that day (every PO, held and cancelled ones too);
 * - shipped: Σ shipped quantity of those lines;
 * - fill rate = shipped ÷ units;
 * - seller cancelled: Σ units the seller cancelled through Weft (order_lines.seller_cancelled_qty; a
 *   customer's cancellation is not the seller's); seller cancellation % = seller cancelled ÷ units;
 * - short picked: Σ short-picked quantity; short-pick % = short picked ÷ units;
 * - on-time dispatch % = POs dispatched (first shipped event) at or before their dispatch-by target ÷
 *   POs due: those dispatched, plus those still not dispatched (nor cancelled) whose target has passed
 *   at `now`. A PO not yet due and not yet dispatched is in neither count.
 * A ratio is null when its denominator is 0. Totals add the counts of the rows, then divide.
 */
export interface PerformanceCounts {
  pos: number;
  units: number;
  shipped: number;
  sellerCancelled: number;
  shortPicked: number;
  /** POs dispatched by their target. */
  onTime: number;
  /** POs dispatched, plus POs still open past their target. */
  due: number;
}

export interface PerformanceFigures extends PerformanceCounts {
  fillRate: number | null;
  onTimeRate: number | null;
  sellerCancellationRate: number | null;
  shortPickRate: number | null;
}

export interface PerformanceDay extends PerformanceFigures {
  /** The PO day, YYYY-MM-DD in IST. */
  day: string;
}

export interface Performance {
  from: string;
  to: string;
  days: PerformanceDay[];
  totals: PerformanceFigures;
}

const istOffsetMs = 330 * 60_000;
/** The IST calendar date of an instant, YYYY-MM-DD. */
export const istDay = (at: Date) => new Date(at.getTime() + istOffsetMs).toISOString().slice(0, 10);
const istDayStart = (day: string) => new Date(`${day}T00:00:00+05:30`);
const nextDay = (day: string) =>
  new Date(istDayStart(day).getTime() + 86_400_000 + istOffsetMs).toISOString().slice(0, 10);

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export function figures(c: PerformanceCounts): PerformanceFigures {
  return {
    ...c,
    fillRate: ratio(c.shipped, c.units),
    onTimeRate: ratio(c.onTime, c.due),
    sellerCancellationRate: ratio(c.sellerCancelled, c.units),
    shortPickRate: ratio(c.shortPicked, c.units),
  };
}

const zero: PerformanceCounts = { pos: 0, units: 0, shipped: 0, sellerCancelled: 0, shortPicked: 0, onTime: 0, due: 0 };
const countKeys = Object.keys(zero) as (keyof PerformanceCounts)[];

/** The days from `from` to `to` (IST dates, both included); `to` before `from` gives none. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= 400; d = nextDay(d)) days.push(d);
  return days;
}

export async function channelPerformance(
  db: Db,
  channel: { id: number; sla: SlaSettings },
  range: { from: string; to: string },
  now: Date,
): Promise<Performance> {
  const start = istDayStart(range.from);
  const end = istDayStart(nextDay(range.to));
  const rows = await queryRows<Record<keyof PerformanceCounts, number> & { day: string }>(
    db,
    sql`with po as (
      select o.id, o.status, to_char((o.po_date at time zone 'UTC') + interval '5 hours 30 minutes', 'YYYY-MM-DD') as day,
        o.po_date + make_interval(hours => ${channel.sla.targetHours}::int) as dispatch_by,
        (select min(e.at) from order_events e where e.order_id = o.id and e.status in ('shipped', 'delivered')) as dispatched_at
      from orders o
      where o.channel_id = ${channel.id} and o.po_date >= ${start.toISOString()}::timestamptz
        and o.po_date < ${end.toISOString()}::timestamptz
    ), units as (
      select l.order_id, sum(l.quantity) as units, sum(l.shipped_qty) as shipped,
        sum(l.seller_cancelled_qty) as seller_cancelled, sum(l.short_picked_qty) as short_picked
      from order_lines l join po on po.id = l.order_id group by l.order_id
    )
    select po.day, count(*)::int as "pos",
      coalesce(sum(u.units), 0)::int as "units", coalesce(sum(u.shipped), 0)::int as "shipped",
      coalesce(sum(u.seller_cancelled), 0)::int as "sellerCancelled", coalesce(sum(u.short_picked), 0)::int as "shortPicked",
      (count(*) filter (where po.dispatched_at is not null and po.dispatched_at <= po.dispatch_by))::int as "onTime",
      (count(*) filter (where po.dispatched_at is not null
        or (po.status <> 'cancelled' and po.status not in ('shipped', 'delivered')
          and po.dispatch_by < ${now.toISOString()}::timestamptz)))::int as "due"
    from po left join units u on u.order_id = po.id
    group by po.day`,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days = daysBetween(range.from, range.to).map((day) => {
    const r = byDay.get(day);
    const counts = { ...zero };
    for (const k of countKeys) counts[k] = Number(r?.[k] ?? 0);
    return { day, ...figures(counts) };
  });
  const totals = { ...zero };
  for (const d of days) for (const k of countKeys) totals[k] += d[k];
  return { from: range.from, to: range.to, days, totals: figures(totals) };
}

/** A channel as the dashboard figures need it: its row, SLA hours and stock source, by code. */
export async function channelForFigures(db: Db, code: string, lookup: DescriptorLookup) {
  const [row] = await db.select().from(channels).where(eq(channels.code, code.toUpperCase()));
  if (!row) throw notFound(`There is no channel with code ${code}.`);
  const policy = lookup(row.type)?.policy(row.settings);
  return {
    row,
    sla: policy?.sla ?? defaultSlaSettings,
    stockSource: policy?.stockSource ?? ({ kind: 'own' } as StockSource),
  };
}
