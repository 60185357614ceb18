import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
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
  /** The `next` of the previous page. */
  after?: string;
  limit?: number;
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
  lines: number;
  units: number;
  openUnits: number;
  createdAt: Date;
}

const encodeKey = (poDate: Date | null, id: number) => `${poDate ? poDate.toISOString() : 'none'}~${id}`;

function afterKey(after: string): SQL {
  const [at, idText] = after.split('~');
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || (at !== 'none' && Number.isNaN(Date.parse(at)))) {
    throw invalid('after is not a paging key from a previous page: use the "next" value it returned.', 'after');
  }
  // Order is po_date desc with nulls first (the index's order), then id desc.
  if (at === 'none') return or(and(isNull(orders.poDate), lt(orders.id, id)), sql`${orders.poDate} is not null`)!;
  // A row comparison is one range on the (po_date desc, id desc) index, however deep the page; rows
  // without a PO date came first and compare as null here, so they are left out as they should be.
  return sql`(${orders.poDate}, ${orders.id}) < (${new Date(at).toISOString()}::timestamptz, ${id})`;
}

export async function listOrders(db: Db, query: OrderQuery): Promise<{ items: OrderSummary[]; next: string | null }> {
  const limit = Math.min(query.limit ?? 50, 500);
  const filters: (SQL | undefined)[] = [];
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
  if (query.after) filters.push(afterKey(query.after));
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
    })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(and(...filters))
    .orderBy(sql`${orders.poDate} desc nulls first`, desc(orders.id))
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
  const items = rows.map((r) => {
    const t = byOrder.get(r.id);
    return { ...r, lines: t?.lines ?? 0, units: t?.units ?? 0, openUnits: t?.open ?? 0 };
  });
  const last = rows.at(-1);
  return { items, next: more && last ? encodeKey(last.poDate, last.id) : null };
}

export async function getOrder(db: Db, id: number) {
  const [row] = await db
    .select({ order: orders, channel: channels.code, channelType: channels.type })
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
  return {
    ...order,
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
