import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  channels,
  orderDiscrepancies,
  orderEvents,
  orderLines,
  orders,
  skus,
  type OrderStatus,
} from '../../db/schema.ts';
import { invalid, notFound } from '../errors.ts';
import type { DescriptorLookup } from '../channels.ts';
import { defaultSlaSettings, openSlaStates, slaClock, type SlaClock, type SlaState } from './sla.ts';
import { dispatchedAtSql, slaByChannel, slaOf, slaSql } from './sla-sql.ts';

/**
 * Reading orders: a list filtered by channel, status, PO date and PO number, paged by keyset on
 * (po_date desc, id desc) — the `orders_po_date` index — so page 2,000 costs what page 1 costs; and
 * one order with its lines, every quantity that explains them, and its timeline.
 */
export const orderStatuses = [
  'on_hold',
  'open',
  'picking',
  'packed',
  'ready_to_ship',
  'shipped',
  'delivered',
  'cancelled',
] as const;

export interface OrderQuery {
  channel?: string;
  status?: OrderStatus;
  from?: Date;
  to?: Date;
  /** A PO number (or its beginning) or the marketplace's order id. */
  q?: string;
  /** Newest PO first (default), or soonest dispatch-by first (POs without a PO date last). */
  sort?: 'poDate' | 'dispatchBy';
  /** POs in this SLA state at `now`; `breached` is either breach. */
  sla?: SlaState | 'breached';
  /** The `next` of the previous page. */
  after?: string;
  limit?: number;
}

/** What the SLA clock needs: the time it is (Weft's clock, a test's in tests) and each channel's hours. */
export interface SlaContext {
  now: Date;
  lookup: DescriptorLookup;
}

export interface OrderSummary {
  id: number;
  channel: string;
  poNumber: string;
  externalId: string;
  poDate: Date | null;
  status: OrderStatus;
  marketplaceStatus: string | null;
  /** When the order pull last saw the marketplace's status change. */
  marketplaceStatusAt: Date | null;
  holdReason: string | null;
  poAmountPaise: number | null;
  /** When the PO was dispatched (its first shipped event), null while not. */
  dispatchedAt: Date | null;
  /** The SLA clock at the time asked; null without a PO date. */
  sla: SlaClock | null;
  lines: number;
  units: number;
  openUnits: number;
  createdAt: Date;
}

const encodeKey = (poDate: Date | null, id: number) => `${poDate ? poDate.toISOString() : 'none'}~${id}`;

function parseKey(after: string): { at: string; id: number } {
  const [at, idText] = after.split('~');
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || (at !== 'none' && Number.isNaN(Date.parse(at)))) {
    throw invalid('after is not a paging key from a previous page: use the "next" value it returned.', 'after');
  }
  return { at, id };
}

/** Sorted by dispatch-by ascending, nulls last, then id ascending: the rows after the key. */
function afterDispatchKey(after: string, dispatchBy: SQL): SQL {
  const { at, id } = parseKey(after);
  if (at === 'none') return and(sql`${dispatchBy} is null`, gt(orders.id, id))!;
  return sql`((${dispatchBy}, ${orders.id}) > (${new Date(at).toISOString()}::timestamptz, ${id}) or ${dispatchBy} is null)`;
}

function afterKey(after: string): SQL {
  const { at, id } = parseKey(after);
  // Order is po_date desc with nulls first (the index's order), then id desc.
  if (at === 'none') return or(and(isNull(orders.poDate), lt(orders.id, id)), sql`${orders.poDate} is not null`)!;
  // A row comparison is one range on the (po_date desc, id desc) index, however deep the page; rows
  // without a PO date came first and compare as null here, so they are left out as they should be.
  return sql`(${orders.poDate}, ${orders.id}) < (${new Date(at).toISOString()}::timestamptz, ${id})`;
}

export async function listOrders(
  db: Db,
  query: OrderQuery,
  clock: SlaContext = { now: new Date(), lookup: () => undefined },
): Promise<{ items: OrderSummary[]; next: string | null }> {
  const limit = Math.min(query.limit ?? 50, 500);
  const filters: (SQL | undefined)[] = [];
  const slaMap = await slaByChannel(db, clock.lookup);
  const slaExpr = slaSql(slaMap, clock.now);
  const byDispatch = query.sort === 'dispatchBy';
  if (query.channel) {
    const [channel] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(eq(channels.code, query.channel.toUpperCase()));
    if (!channel) throw notFound(`There is no channel with code ${query.channel}.`);
    filters.push(eq(orders.channelId, channel.id));
  }
  if (query.status) filters.push(eq(orders.status, query.status));
  if (query.from) filters.push(gte(orders.poDate, query.from));
  if (query.to) filters.push(lte(orders.poDate, query.to));
  if (query.q) {
    const like = `${query.q.trim().replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(or(sql`${orders.poNumber} like ${like}`, eq(orders.externalId, query.q.trim())));
  }
  if (query.sla) filters.push(slaFilter(query.sla, slaExpr));
  if (query.after) filters.push(byDispatch ? afterDispatchKey(query.after, slaExpr.dispatchBy) : afterKey(query.after));
  const rows = await db
    .select({
      id: orders.id,
      channel: channels.code,
      poNumber: orders.poNumber,
      externalId: orders.externalId,
      poDate: orders.poDate,
      status: orders.status,
      marketplaceStatus: orders.marketplaceStatus,
      marketplaceStatusAt: orders.marketplaceStatusAt,
      holdReason: orders.holdReason,
      poAmountPaise: orders.poAmountPaise,
      createdAt: orders.createdAt,
      channelId: orders.channelId,
      dispatchedAt: dispatchedAtSql,
      dispatchBy: slaExpr.dispatchBy,
    })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(and(...filters))
    .orderBy(
      ...(byDispatch
        ? [sql`${slaExpr.dispatchBy} asc nulls last`, asc(orders.id)]
        : [sql`${orders.poDate} desc nulls first`, desc(orders.id)]),
    )
    .limit(limit + 1);
  const more = rows.length > limit;
  if (more) rows.pop();
  const totals =
    rows.length === 0
      ? []
      : await db
          .select({
            orderId: orderLines.orderId,
            lines: sql<number>`count(*)::int`,
            units: sql<number>`coalesce(sum(${orderLines.quantity}), 0)::int`,
            open: sql<number>`coalesce(sum(${orderLines.quantity} - ${orderLines.cancelledQty} - ${orderLines.shortPickedQty} - ${orderLines.shippedQty}), 0)::int`,
          })
          .from(orderLines)
          .where(
            inArray(
              orderLines.orderId,
              rows.map((r) => r.id),
            ),
          )
          .groupBy(orderLines.orderId);
  const byOrder = new Map(totals.map((t) => [Number(t.orderId), t]));
  const items = rows.map(({ channelId, dispatchBy: _by, ...r }) => {
    const t = byOrder.get(r.id);
    const dispatchedAt = r.dispatchedAt ? new Date(r.dispatchedAt) : null;
    const sla = r.poDate
      ? slaClock(
          { poDate: r.poDate, dispatchedAt, cancelled: r.status === 'cancelled' },
          clock.now,
          slaOf(slaMap, channelId),
        )
      : null;
    return { ...r, dispatchedAt, sla, lines: t?.lines ?? 0, units: t?.units ?? 0, openUnits: t?.open ?? 0 };
  });
  const last = items.at(-1);
  const key = (o: OrderSummary) =>
    byDispatch ? encodeKey(o.sla?.dispatchBy ?? null, o.id) : encodeKey(o.poDate, o.id);
  return { items, next: more && last ? key(last) : null };
}

function slaFilter(state: SlaState | 'breached', expr: ReturnType<typeof slaSql>): SQL {
  if (state === 'breached') return sql`${expr.openState} in ('breached_target', 'breached_limit')`;
  if ((openSlaStates as readonly string[]).includes(state)) return sql`${expr.openState} = ${state}`;
  if (state === 'cancelled') return and(eq(orders.status, 'cancelled'), sql`${dispatchedAtSql} is null`)!;
  const cmp = state === 'dispatched_on_time' ? sql`<=` : sql`>`;
  return sql`${dispatchedAtSql} ${cmp} ${expr.dispatchBy}`;
}

export async function getOrder(db: Db, id: number, clock?: SlaContext) {
  const [row] = await db
    .select({ order: orders, channel: channels.code, channelType: channels.type, channelSettings: channels.settings })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(eq(orders.id, id));
  if (!row) throw notFound(`There is no order ${id}.`);
  const lines = await db
    .select({ line: orderLines, skuCode: skus.code })
    .from(orderLines)
    .leftJoin(skus, eq(skus.id, orderLines.skuId))
    .where(eq(orderLines.orderId, id))
    .orderBy(asc(orderLines.id));
  const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id));
  // What the pack recorded that the marketplace cannot take (pack-plan.ts), shown on the order.
  const discrepancies = await db
    .select({
      kind: orderDiscrepancies.kind,
      boxCode: orderDiscrepancies.boxCode,
      marketplaceValue: orderDiscrepancies.marketplaceValue,
      packedValue: orderDiscrepancies.packedValue,
      message: orderDiscrepancies.message,
      createdAt: orderDiscrepancies.createdAt,
    })
    .from(orderDiscrepancies)
    .where(eq(orderDiscrepancies.orderId, id))
    .orderBy(asc(orderDiscrepancies.id));
  const { raw: _raw, ...order } = row.order;
  const dispatched = events.find((e) => e.status === 'shipped' || e.status === 'delivered')?.at ?? null;
  const settings = clock?.lookup(row.channelType)?.policy(row.channelSettings).sla;
  const sla = order.poDate
    ? slaClock(
        { poDate: order.poDate, dispatchedAt: dispatched, cancelled: order.status === 'cancelled' },
        clock?.now ?? new Date(),
        settings ?? defaultSlaSettings,
      )
    : null;
  return {
    ...order,
    dispatchedAt: dispatched,
    sla,
    channel: row.channel,
    lines: lines.map(({ line, skuCode }) => ({
      ...line,
      skuCode,
      gstRate: line.gstRate === null ? null : Number(line.gstRate),
      remaining: line.quantity - line.cancelledQty - line.shortPickedQty - line.shippedQty,
    })),
    events,
    discrepancies,
  };
}

export type OrderDetail = Awaited<ReturnType<typeof getOrder>>;
