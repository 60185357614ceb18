import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, SqlSession } from '../db/connect.ts';
import { backorderLines, skus, type BackorderStatus } from '../db/schema.ts';
import type { RecordResult } from './sync/runs.ts';
import { lowerForNewDemand } from './inventory/marketplace-figure.ts';

/**
 * Back orders (marketplace pendency): customer demand assigned to the seller before a purchase order.
 * An `open` line reserves its quantity of the mapped Weft SKU; a line whose listing is not mapped is an
 * `exception` (kept, with the reason, reserving nothing); a line the marketplace stopped showing was
 * cancelled by the customer and is `released`; the order stream marks lines a PO took `converted`.
 */
export interface PendencyInput {
  orderId: string;
  /** The marketplace's id of the line: the key everything is idempotent on. */
  orderItemId: string;
  channelSku: string;
  /** Quantity still open. */
  quantity: number;
  orderedAt: Date | null;
}

const upsertSql = `
  insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity, ordered_at, status, exception, last_seen_at)
  select $1, t.order_id, t.item, t.sku, l.sku_id, t.qty, t.at,
    case when l.sku_id is null then 'exception' else 'open' end, case when l.sku_id is null then t.reason end, now()
  from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::text[]) as t(order_id, item, sku, qty, at, reason)
  left join channel_listings l on l.channel_id = $1 and l.channel_sku = t.sku
  on conflict (channel_id, order_item_id) do update set
    quantity = excluded.quantity, sku_id = excluded.sku_id, last_seen_at = now(),
    status = case when backorder_lines.status = 'converted' then 'converted' else excluded.status end,
    exception = case when backorder_lines.status = 'converted' then backorder_lines.exception else excluded.exception end,
    updated_at = case when backorder_lines.quantity <> excluded.quantity or backorder_lines.sku_id is distinct from excluded.sku_id
      or (backorder_lines.status <> excluded.status and backorder_lines.status <> 'converted') then now() else backorder_lines.updated_at end
  returning order_item_id, status, exception, quantity, sku_id`;

/**
 * Upserts a page of pendency lines, resolving each channel SKU through the channel's listings. One
 * outcome per line; an exception line is a failed record with its reason, so the run shows it and a
 * retry (after linking the listing) picks it up.
 */
export async function upsertPendency(
  session: SqlSession,
  channelId: number,
  input: PendencyInput[],
  unmappedReason: (channelSku: string) => string,
): Promise<RecordResult[]> {
  const lines = [...new Map(input.map((l) => [l.orderItemId, l])).values()];
  if (lines.length === 0) return [];
  const { rows: before } = await session.query<{
    order_item_id: string;
    status: string;
    quantity: number;
    sku_id: number | null;
  }>(
    'select order_item_id, status, quantity, sku_id from backorder_lines where channel_id = $1 and order_item_id = any($2::text[])',
    [channelId, lines.map((l) => l.orderItemId)],
  );
  const old = new Map(before.map((r) => [r.order_item_id, r]));
  const { rows } = await session.query<{
    order_item_id: string;
    status: string;
    exception: string | null;
    quantity: number;
    sku_id: number | null;
  }>(upsertSql, [
    channelId,
    lines.map((l) => l.orderId),
    lines.map((l) => l.orderItemId),
    lines.map((l) => l.channelSku),
    lines.map((l) => l.quantity),
    lines.map((l) => (l.orderedAt ? l.orderedAt.toISOString() : null)),
    lines.map((l) => unmappedReason(l.channelSku)),
  ]);
  const byItem = new Map(lines.map((l) => [l.orderItemId, l]));
  // A line seen for the first time is a customer order the marketplace has already taken off its figure.
  await lowerForNewDemand(
    session,
    channelId,
    rows
      .filter((r) => !old.has(r.order_item_id) && r.status === 'open')
      .map((r) => {
        const line = byItem.get(r.order_item_id)!;
        return { channelSku: line.channelSku, quantity: Number(r.quantity), orderedAt: line.orderedAt };
      }),
  );
  return rows.map((r): RecordResult => {
    if (r.status === 'exception')
      return {
        key: r.order_item_id,
        outcome: 'failed',
        message: r.exception ?? undefined,
        payload: byItem.get(r.order_item_id),
      };
    const was = old.get(r.order_item_id);
    if (!was) return { key: r.order_item_id, outcome: 'created' };
    const same = was.status === r.status && was.quantity === r.quantity && was.sku_id === r.sku_id;
    return { key: r.order_item_id, outcome: same ? 'unchanged' : 'updated' };
  });
}

/**
 * After a complete read of open pendency: lines it did not show were cancelled by the customer (or
 * taken into a PO, which the order stream then marks converted). Converted lines are never touched.
 */
export async function releaseUnseen(
  session: SqlSession,
  channelId: number,
  pullStartedAt: Date,
  windowFrom: Date,
): Promise<RecordResult[]> {
  const { rows } = await session.query<{ order_item_id: string }>(
    `update backorder_lines set status = 'released', exception = null, updated_at = now()
     where channel_id = $1 and status in ('open', 'exception') and last_seen_at < $2 and (ordered_at is null or ordered_at >= $3)
     returning order_item_id`,
    [channelId, pullStartedAt.toISOString(), windowFrom.toISOString()],
  );
  return rows.map((r) => ({
    key: r.order_item_id,
    outcome: 'updated' as const,
    message: 'No longer in pendency: released.',
  }));
}

/** The oldest order date among lines still open or in exception: a pull must read back at least that far. */
export async function oldestUnsettled(session: SqlSession, channelId: number): Promise<Date | null> {
  const { rows } = await session.query<{ at: string | Date | null }>(
    `select min(ordered_at) as at from backorder_lines where channel_id = $1 and status in ('open', 'exception')`,
    [channelId],
  );
  return rows[0]?.at ? new Date(rows[0].at) : null;
}

/**
 * A listing was linked (skuId) or unlinked (null): its lines follow at once, so a reservation never
 * waits for the next pull. Exceptions become open; open lines of an unlinked listing become exceptions.
 */
export async function relinkBackorders(
  db: Db,
  channelId: number,
  channelSku: string,
  skuId: number | null,
  unmappedReason: string,
): Promise<number> {
  const rows =
    skuId === null
      ? await db
          .update(backorderLines)
          .set({ skuId: null, status: 'exception', exception: unmappedReason, updatedAt: new Date() })
          .where(
            and(
              eq(backorderLines.channelId, channelId),
              eq(backorderLines.channelSku, channelSku),
              eq(backorderLines.status, 'open'),
            ),
          )
          .returning({ id: backorderLines.id })
      : await db
          .update(backorderLines)
          .set({ skuId, status: 'open', exception: null, updatedAt: new Date() })
          .where(
            and(
              eq(backorderLines.channelId, channelId),
              eq(backorderLines.channelSku, channelSku),
              sql`${backorderLines.status} in ('open', 'exception')`,
            ),
          )
          .returning({ id: backorderLines.id });
  return rows.length;
}

export interface BackorderQuery {
  status?: BackorderStatus;
  /** Only the lines of this channel SKU. */
  channelSku?: string;
  /** Keyset paging: the last id of the previous page. */
  after?: number;
  limit?: number;
}

export async function listBackorders(db: Db, channelId: number, query: BackorderQuery) {
  const limit = Math.min(query.limit ?? 100, 500);
  const items = await db
    .select({
      id: backorderLines.id,
      orderId: backorderLines.orderId,
      orderItemId: backorderLines.orderItemId,
      channelSku: backorderLines.channelSku,
      sku: skus.code,
      quantity: backorderLines.quantity,
      orderedAt: backorderLines.orderedAt,
      status: backorderLines.status,
      exception: backorderLines.exception,
      lastSeenAt: backorderLines.lastSeenAt,
      updatedAt: backorderLines.updatedAt,
    })
    .from(backorderLines)
    .leftJoin(skus, eq(skus.id, backorderLines.skuId))
    .where(
      and(
        eq(backorderLines.channelId, channelId),
        query.status ? eq(backorderLines.status, query.status) : undefined,
        query.channelSku ? eq(backorderLines.channelSku, query.channelSku) : undefined,
        query.after ? gt(backorderLines.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(backorderLines.id))
    .limit(limit + 1);
  const more = items.length > limit;
  if (more) items.pop();
  return { items, next: more ? items.at(-1)!.id : null };
}

export interface BackorderSummaryQuery {
  /** Only SKUs with open lines, or only SKUs with exceptions; both by default. */
  only?: 'open' | 'exception';
  /** Keyset paging by channel SKU: the last one of the previous page. */
  after?: string;
  limit?: number;
}

/**
 * Pendency per channel SKU, for the back-orders screen: open lines and units (reserved when the listing
 * maps to a Weft SKU), exception lines and units with the newest exception's reason. Settled lines
 * (released, converted) are left out.
 */
export async function summarizeBackorders(db: Db, channelId: number, query: BackorderSummaryQuery) {
  const limit = Math.min(query.limit ?? 100, 500);
  const open = sql`${backorderLines.status} = 'open'`;
  const exception = sql`${backorderLines.status} = 'exception'`;
  const items = await db
    .select({
      channelSku: backorderLines.channelSku,
      sku: sql<string | null>`max(${skus.code})`,
      openLines: sql<number>`(count(*) filter (where ${open}))::int`,
      openUnits: sql<number>`coalesce(sum(${backorderLines.quantity}) filter (where ${open}), 0)::int`,
      reservedUnits: sql<number>`coalesce(sum(${backorderLines.quantity}) filter (where ${open} and ${backorderLines.skuId} is not null), 0)::int`,
      exceptionLines: sql<number>`(count(*) filter (where ${exception}))::int`,
      exceptionUnits: sql<number>`coalesce(sum(${backorderLines.quantity}) filter (where ${exception}), 0)::int`,
      exception: sql<
        string | null
      >`(array_agg(${backorderLines.exception} order by ${backorderLines.updatedAt} desc, ${backorderLines.id} desc) filter (where ${exception}))[1]`,
      oldestOrderedAt: sql<Date | string | null>`min(${backorderLines.orderedAt})`,
    })
    .from(backorderLines)
    .leftJoin(skus, eq(skus.id, backorderLines.skuId))
    .where(
      and(
        eq(backorderLines.channelId, channelId),
        query.only ? eq(backorderLines.status, query.only) : sql`${backorderLines.status} in ('open', 'exception')`,
        query.after ? gt(backorderLines.channelSku, query.after) : undefined,
      ),
    )
    .groupBy(backorderLines.channelSku)
    .orderBy(asc(backorderLines.channelSku))
    .limit(limit + 1);
  const more = items.length > limit;
  if (more) items.pop();
  return {
    items: items.map((r) => ({
      ...r,
      openLines: Number(r.openLines),
      openUnits: Number(r.openUnits),
      reservedUnits: Number(r.reservedUnits),
      exceptionLines: Number(r.exceptionLines),
      exceptionUnits: Number(r.exceptionUnits),
      oldestOrderedAt: r.oldestOrderedAt ? new Date(r.oldestOrderedAt) : null,
    })),
    next: more ? items.at(-1)!.channelSku : null,
  };
}

/**
 * Units reserved for open back orders, per Weft SKU id: what the inventory push subtracts
 * ("reserved for pendency"). Across every channel, or of one channel when `channelId` is given.
 */
export async function reservedBySku(db: Db, channelId?: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ skuId: backorderLines.skuId, units: sql<number>`sum(${backorderLines.quantity})::int` })
    .from(backorderLines)
    .where(
      and(
        eq(backorderLines.status, 'open'),
        sql`${backorderLines.skuId} is not null`,
        channelId === undefined ? undefined : eq(backorderLines.channelId, channelId),
      ),
    )
    .groupBy(backorderLines.skuId);
  return new Map(rows.map((r) => [r.skuId!, Number(r.units)]));
}

/** Lines the pull saw but could not read: still pendency, so not released for the marketplace's bad data. */
export async function touchBackorders(session: SqlSession, channelId: number, orderItemIds: string[]): Promise<void> {
  if (orderItemIds.length === 0) return;
  await session.query(
    'update backorder_lines set last_seen_at = now() where channel_id = $1 and order_item_id = any($2::text[])',
    [channelId, orderItemIds],
  );
}
