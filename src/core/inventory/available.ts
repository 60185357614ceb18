import type { Database } from '../../db/connect.ts';
import { advanceCursor } from '../sync/cursors.ts';
import { notFound } from '../errors.ts';
import type { StockSource } from '../channel-descriptor.ts';

/**
 * What a channel may sell: for every active, mapped listing,
 *
 *   pushed = max(0, on hand − allocated − reserved for pendency − the listing's buffer)
 *
 * - on hand: inventory_levels.on_hand summed over the channel's source warehouses (the channel's own
 *   warehouse, or the consolidated list in its inventory settings);
 * - allocated: Σ (quantity − cancelled − short picked − shipped) of order lines of orders still to be
 *   shipped (open, picking, packed, ready_to_ship) from a source warehouse;
 * - reserved: Σ quantity of open back-order (pendency) lines of channels whose warehouse is a source,
 *   plus Σ (quantity − cancelled) of the mapped lines of POs on hold there. A PO converts its pendency
 *   when it arrives, held or not (create-order.ts): the marketplace has taken those units into the PO,
 *   so they must count once — as the held PO's reservation, later as its allocation — never as both
 *   an open back order and a PO line, and never as neither (a later pendency pull no longer shows them);
 * - buffer: the listing's own safety stock.
 *
 * Several listings mapped to one SKU each get the same figure: the marketplace shows one figure per
 * listing, and splitting stock between them would hide stock a buyer could have bought.
 */
export const allocatingStatuses = ['open', 'picking', 'packed', 'ready_to_ship'] as const;

export interface Breakdown {
  onHand: number;
  allocated: number;
  reserved: number;
  buffer: number;
  pushed: number;
}

export interface ListingFigure extends Breakdown {
  listingId: number;
  channelSku: string;
  channelProductId: string;
  skuId: number;
  /** The last figure sent for this listing and what came of it; null when never sent. */
  last: { quantity: number; status: string; pushedAt: Date } | null;
}

/**
 * The sync cursor whose `at` asks for a full push of a channel: every listing not pushed since that
 * moment goes out again, so a full push interrupted half-way resumes without re-sending the rest.
 */
export const fullPushCursor = 'inventory-full';

export const pushedOf = (b: Omit<Breakdown, 'pushed'>) => Math.max(0, b.onHand - b.allocated - b.reserved - b.buffer);

/**
 * The source warehouses of a channel, as its policy's stock source says (ChannelPolicy.stockSource):
 * `consolidated` adds up the warehouses with those codes; `own` counts the channel's own warehouse.
 */
export async function sourceWarehouseIds(
  database: Database,
  warehouseId: number,
  source: StockSource,
): Promise<number[]> {
  if (source.kind !== 'consolidated') return [warehouseId];
  const codes = source.warehouses.map((c) => c.toUpperCase());
  const { rows } = await database.query<{ id: number; code: string }>(
    'select id, code from warehouses where code = any($1::text[])',
    [codes],
  );
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length) {
    throw notFound(
      `The channel consolidates stock of warehouse ${missing.join(', ')}, which does not exist: fix the channel's inventory settings.`,
    );
  }
  return rows.map((r) => Number(r.id));
}

interface FigureRow {
  id: number;
  channel_sku: string;
  channel_product_id: string;
  sku_id: number;
  buffer: number;
  on_hand: number;
  allocated: number;
  reserved: number;
  last_qty: number | null;
  last_status: string | null;
  last_pushed_at: Date | string | null;
}

/**
 * The CTEs that compute figures, ending in `figures` (one row per listing of `page`, with its
 * breakdown, `pushed`, and the last push). `page` selects from channel_listings `l`; $1 is the
 * channel id and $2 the source warehouse ids. Aggregates are restricted to the SKUs of the page, so
 * paging through 100,000 listings never re-aggregates the whole stock table. `pushed` is
 * pushedOf() in SQL, so callers can choose what is due without reading every figure back.
 */
export function figureCtes(pageWhere: string): string {
  return `
    page as (
      select l.id, l.channel_sku, l.channel_product_id, l.sku_id, l.buffer
      from channel_listings l
      where l.channel_id = $1 and l.active and l.sku_id is not null ${pageWhere}
    ),
    -- "= any(array(…))" rather than a join: the planner then probes the indexes with the page's
    -- keys instead of reading whole tables once per page, which is what made large channels slow.
    sku_set as (select array_agg(distinct sku_id) as ids from page),
    on_hand as (
      select il.sku_id, sum(il.on_hand)::int as q from inventory_levels il
      where il.warehouse_id = any($2::int[]) and il.sku_id = any((select ids from sku_set)::int[]) group by il.sku_id
    ),
    allocated as (
      select ol.sku_id,
             coalesce(sum(ol.quantity - ol.cancelled_qty - ol.short_picked_qty - ol.shipped_qty) filter (where o.status <> 'on_hold'), 0)::int as q,
             coalesce(sum(ol.quantity - ol.cancelled_qty) filter (where o.status = 'on_hold'), 0)::int as held
      from order_lines ol join orders o on o.id = ol.order_id
      where ol.sku_id = any((select ids from sku_set)::int[])
        and o.status in ('on_hold', 'open', 'picking', 'packed', 'ready_to_ship') and o.warehouse_id = any($2::int[])
      group by ol.sku_id
    ),
    reserved as (
      select b.sku_id, sum(b.quantity)::int as q
      from backorder_lines b join channels c on c.id = b.channel_id
      where b.sku_id = any((select ids from sku_set)::int[]) and b.status = 'open' and c.warehouse_id = any($2::int[])
      group by b.sku_id
    ),
    last_push as (
      select li.listing_id, li.quantity, li.status, li.pushed_at from listing_inventory li
      where li.listing_id = any(array(select id from page))
    ),
    figures as (
      select p.id, p.channel_sku, p.channel_product_id, p.sku_id, p.buffer,
             coalesce(oh.q, 0) as on_hand, coalesce(a.q, 0) as allocated, coalesce(r.q, 0) + coalesce(a.held, 0) as reserved,
             greatest(0, coalesce(oh.q, 0) - coalesce(a.q, 0) - coalesce(r.q, 0) - coalesce(a.held, 0) - p.buffer) as pushed,
             li.quantity as last_qty, li.status as last_status, li.pushed_at as last_pushed_at
      from page p
      left join on_hand oh on oh.sku_id = p.sku_id
      left join allocated a on a.sku_id = p.sku_id
      left join reserved r on r.sku_id = p.sku_id
      left join last_push li on li.listing_id = p.id
    )`;
}

/** The listings part of the query: one keyset page of a channel, or the listings of given channel SKUs. */
function listingFilter(
  select: { after?: number; limit?: number; channelSkus?: string[]; listingIds?: number[] },
  params: unknown[],
): string {
  if (select.channelSkus) {
    params.push(select.channelSkus);
    return `and l.channel_sku = any($${params.length}::text[]) order by l.id`;
  }
  if (select.listingIds) {
    params.push(select.listingIds);
    return `and l.id = any($${params.length}::bigint[]) order by l.id`;
  }
  params.push(select.after ?? 0, select.limit ?? 1000);
  return `and l.id > $${params.length - 1} order by l.id limit $${params.length}`;
}

/** A figure row as read back from SQL: breakdown columns as numbers. */
export function figureOf(
  r: Omit<FigureRow, 'last_qty' | 'last_status' | 'last_pushed_at'>,
): Omit<ListingFigure, 'last'> {
  const b = {
    onHand: Number(r.on_hand),
    allocated: Number(r.allocated),
    reserved: Number(r.reserved),
    buffer: Number(r.buffer),
  };
  return {
    listingId: Number(r.id),
    channelSku: r.channel_sku,
    channelProductId: r.channel_product_id,
    skuId: Number(r.sku_id),
    ...b,
    pushed: pushedOf(b),
  };
}

/** Figures for a set of listings of one channel in one set-based query. */
export async function computeFigures(
  database: Database,
  input: {
    channelId: number;
    warehouseIds: number[];
    after?: number;
    limit?: number;
    channelSkus?: string[];
    listingIds?: number[];
  },
): Promise<ListingFigure[]> {
  const params: unknown[] = [input.channelId, input.warehouseIds];
  const filter = listingFilter(input, params);
  const { rows } = await database.query<FigureRow>(
    `
    with ${figureCtes(filter)}
    select id, channel_sku, channel_product_id, sku_id, buffer, on_hand, allocated, reserved, last_qty, last_status, last_pushed_at
    from figures order by id`,
    params,
  );
  return rows.map((r) => ({
    ...figureOf(r),
    last:
      r.last_status === null
        ? null
        : { quantity: Number(r.last_qty), status: r.last_status, pushedAt: new Date(r.last_pushed_at!) },
  }));
}

export interface ExplanationLine {
  kind: 'on_hand' | 'allocated' | 'reserved' | 'buffer';
  /** Signed: on hand adds, everything else takes away. */
  quantity: number;
  text: string;
  reference?: Record<string, unknown>;
}

export interface Explanation {
  listing: { id: number; channelSku: string; channelProductId: string; sku: string; skuName: string; buffer: number };
  sourceWarehouses: string[];
  lines: ExplanationLine[];
  breakdown: Breakdown;
  /** Before the floor at zero: the sum of the lines. */
  sum: number;
  result: string;
  lastPush: {
    quantity: number;
    status: string;
    message: string | null;
    at: Date;
    runId: number | null;
    breakdown: unknown;
  } | null;
}

type ListingRow = {
  id: number;
  channel_sku: string;
  channel_product_id: string;
  sku_id: number | null;
  buffer: number;
  active: boolean;
  code: string | null;
  name: string | null;
};

/** The listing named by the Weft SKU code or the marketplace's SKU code, refused when there is none or it is not mapped. */
async function findMappedListing(
  database: Database,
  input: { channelId: number; ref: string },
): Promise<ListingRow & { sku_id: number }> {
  const { rows: listings } = await database.query<ListingRow>(
    `select l.id, l.channel_sku, l.channel_product_id, l.sku_id, l.buffer, l.active, s.code, s.name
      from channel_listings l left join skus s on s.id = l.sku_id
      where l.channel_id = $1 and (l.channel_sku = $2 or upper(s.code) = upper($2))
      order by (l.channel_sku = $2) desc, l.id limit 1`,
    [input.channelId, input.ref],
  );
  const listing = listings[0];
  if (!listing)
    throw notFound(
      `No listing of this channel has SKU ${input.ref} (give the Weft SKU code or the marketplace SKU code).`,
    );
  if (listing.sku_id === null) {
    throw notFound(
      `Listing ${listing.channel_sku} is not mapped to a Weft SKU, so no stock is pushed for it: map it first.`,
    );
  }
  return listing as ListingRow & { sku_id: number };
}

/** The explanation's lines for stock on hand, units held by orders (allocated, or reserved on hold) and open pendency. */
function holdingLines(
  levels: { code: string; on_hand: number }[],
  orders: { po_number: string; status: string; code: string; line: string; q: number }[],
  pendency: { order_id: string; order_item_id: string; channel: string; quantity: number }[],
): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  for (const l of levels)
    lines.push({
      kind: 'on_hand',
      quantity: Number(l.on_hand),
      text: `On hand at ${l.code}: ${l.on_hand}`,
      reference: { warehouse: l.code },
    });
  for (const o of orders) {
    if (Number(o.q) === 0) continue;
    if (o.status === 'on_hold') {
      lines.push({
        kind: 'reserved',
        quantity: -Number(o.q),
        text: `Reserved for PO ${o.po_number} on hold at ${o.code}: −${o.q}`,
        reference: { poNumber: o.po_number, line: o.line, status: o.status, warehouse: o.code },
      });
      continue;
    }
    lines.push({
      kind: 'allocated',
      quantity: -Number(o.q),
      text: `Allocated to PO ${o.po_number} (${o.status}) at ${o.code}: −${o.q}`,
      reference: { poNumber: o.po_number, line: o.line, status: o.status, warehouse: o.code },
    });
  }
  for (const p of pendency) {
    lines.push({
      kind: 'reserved',
      quantity: -Number(p.quantity),
      text: `Reserved for pendency ${p.order_id} item ${p.order_item_id} on ${p.channel}: −${p.quantity}`,
      reference: { orderId: p.order_id, orderItemId: p.order_item_id, channel: p.channel },
    });
  }
  return lines;
}

/**
 * Why a listing's figure is what it is, line by line: stock per source warehouse, each order still
 * holding units, each open pendency line, the buffer, the result, and the last push with its outcome.
 * `ref` is the Weft SKU code or the marketplace's SKU code of the listing.
 */
export async function explainListing(
  database: Database,
  input: { channelId: number; warehouseIds: number[]; ref: string },
): Promise<Explanation> {
  const listing = await findMappedListing(database, input);
  const ids = input.warehouseIds;
  const [lines, last, whs] = await Promise.all([
    holdingsOf(database, listing.sku_id, ids),
    database.query<{
      quantity: number;
      status: string;
      message: string | null;
      pushed_at: Date | string;
      run_id: number | null;
      breakdown: unknown;
    }>('select quantity, status, message, pushed_at, run_id, breakdown from listing_inventory where listing_id = $1', [
      listing.id,
    ]),
    database.query<{ code: string }>('select code from warehouses where id = any($1::int[]) order by code', [ids]),
  ]);
  if (listing.buffer > 0)
    lines.push({
      kind: 'buffer',
      quantity: -listing.buffer,
      text: `Channel buffer of this listing: −${listing.buffer}`,
    });
  const total = (kind: ExplanationLine['kind']) =>
    Math.abs(lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.quantity, 0));
  const b = {
    onHand: total('on_hand'),
    allocated: total('allocated'),
    reserved: total('reserved'),
    buffer: listing.buffer,
  };
  const sum = b.onHand - b.allocated - b.reserved - b.buffer;
  const breakdown = { ...b, pushed: pushedOf(b) };
  const lp = last.rows[0];
  return {
    listing: {
      id: Number(listing.id),
      channelSku: listing.channel_sku,
      channelProductId: listing.channel_product_id,
      sku: listing.code!,
      skuName: listing.name!,
      buffer: listing.buffer,
    },
    sourceWarehouses: whs.rows.map((w) => w.code),
    lines,
    breakdown,
    sum,
    result: !listing.active
      ? `The listing is inactive: nothing is pushed for it (Weft would push ${breakdown.pushed}).`
      : sum < 0
        ? `${sum} is below zero, so Weft pushes 0.`
        : `Weft pushes ${sum}.`,
    lastPush: lp
      ? {
          quantity: Number(lp.quantity),
          status: lp.status,
          message: lp.message,
          at: new Date(lp.pushed_at),
          runId: lp.run_id === null ? null : Number(lp.run_id),
          breakdown: lp.breakdown,
        }
      : null,
  };
}

/**
 * What holds a SKU's units in these warehouses, line by line: stock on hand, units of open orders and
 * open back orders (holdingLines).
 */
async function holdingsOf(database: Database, skuId: number, ids: number[]): Promise<ExplanationLine[]> {
  const [levels, orderRows, pendency] = await Promise.all([
    database.query<{ code: string; on_hand: number }>(
      `select w.code, il.on_hand from inventory_levels il join warehouses w on w.id = il.warehouse_id
       where il.sku_id = $1 and il.warehouse_id = any($2::int[]) order by w.code`,
      [skuId, ids],
    ),
    database.query<{ po_number: string; status: string; code: string; line: string; q: number }>(
      `select o.po_number, o.status, w.code, ol.external_line_id as line,
              case when o.status = 'on_hold' then ol.quantity - ol.cancelled_qty
                   else ol.quantity - ol.cancelled_qty - ol.short_picked_qty - ol.shipped_qty end as q
       from order_lines ol join orders o on o.id = ol.order_id join warehouses w on w.id = o.warehouse_id
       where ol.sku_id = $1 and o.status in ('on_hold', 'open', 'picking', 'packed', 'ready_to_ship') and o.warehouse_id = any($2::int[])
       order by o.po_date nulls last, o.id, ol.id`,
      [skuId, ids],
    ),
    database.query<{ order_id: string; order_item_id: string; channel: string; quantity: number }>(
      `select b.order_id, b.order_item_id, c.code as channel, b.quantity
       from backorder_lines b join channels c on c.id = b.channel_id
       where b.sku_id = $1 and b.status = 'open' and c.warehouse_id = any($2::int[]) order by b.ordered_at nulls last, b.id`,
      [skuId, ids],
    ),
  ]);
  return holdingLines(levels.rows, orderRows.rows, pendency.rows);
}

/** Asks for a full push: the next inventory run sends every listing not pushed since now (the database's clock). */
export async function requestFullPush(database: Database, channelId: number): Promise<Date> {
  const { rows } = await database.query<{ now: Date | string }>('select now() as now');
  const at = new Date(rows[0].now);
  await advanceCursor(database.db, channelId, fullPushCursor, { at: at.toISOString() });
  return at;
}

export const pushStatuses = ['in_process', 'submitted', 'success', 'error', 'withheld', 'not_pushed'] as const;

export interface ListingPushState {
  listingId: number;
  channelSku: string;
  sku: string;
  quantity: number | null;
  status: (typeof pushStatuses)[number];
  message: string | null;
  pushedAt: Date | null;
  breakdown: unknown;
}

/** The inventory screen: each active mapped listing with its last pushed figure and outcome, in listing order. */
export async function listPushStates(
  database: Database,
  query: { channelId: number; status?: string; q?: string; after?: number; limit?: number },
): Promise<{ items: ListingPushState[]; next: number | null }> {
  const limit = Math.min(query.limit ?? 100, 1000);
  const { rows } = await database.query<{
    id: number;
    channel_sku: string;
    code: string;
    quantity: number | null;
    status: string | null;
    message: string | null;
    pushed_at: Date | string | null;
    breakdown: unknown;
  }>(
    `select l.id, l.channel_sku, s.code, li.quantity, li.status, li.message, li.pushed_at, li.breakdown
      from channel_listings l join skus s on s.id = l.sku_id left join listing_inventory li on li.listing_id = l.id
      where l.channel_id = $1 and l.active and l.id > $2
        and ($3::text is null or coalesce(li.status, 'not_pushed') = $3)
        and ($4::text is null or l.channel_sku ilike '%' || $4 || '%' or s.code ilike '%' || $4 || '%')
      order by l.id limit $5`,
    [query.channelId, query.after ?? 0, query.status ?? null, query.q ?? null, limit],
  );
  const items = rows.map((r) => ({
    listingId: Number(r.id),
    channelSku: r.channel_sku,
    sku: r.code,
    quantity: r.quantity,
    status: (r.status ?? 'not_pushed') as ListingPushState['status'],
    message: r.message,
    pushedAt: r.pushed_at ? new Date(r.pushed_at) : null,
    breakdown: r.breakdown ?? null,
  }));
  return { items, next: items.length === limit ? items[items.length - 1].listingId : null };
}
