import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connect.ts';
import { backorderLines, channelListings, orderEvents, orderLines, orders, type OrderStatus } from '../../db/schema.ts';
import { arrivalStatus, marketplaceReport, moveOrder } from './lifecycle.ts';
import type { IncomingOrder, IncomingOrderLine, IngestResult, ParsedOrder, UnreadableOrder } from './types.ts';

/**
 * Creates or updates the orders of one page of marketplace POs, in one transaction: a new PO becomes an
 * order with its lines linked to SKUs, an event, and its pendency lines marked converted (their
 * reservation becomes the order's allocation, which is derived from open order lines — or, while the
 * PO is on hold, the held lines' reservation: see available.ts; either way the units count once). Idempotent on
 * (channel, PO number): a PO seen again — by a second or concurrent pull — updates, never duplicates.
 * A PO with an unmapped SKU or a payload that cannot be read is kept on hold with its reason.
 */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

export interface IngestChannel {
  id: number;
  warehouseId: number;
}

/** channel SKU → Weft SKU id; null when the listing exists but is not linked; absent when never pulled. */
async function resolveSkus(tx: Tx, channelId: number, channelSkus: string[]): Promise<Map<string, number | null>> {
  const map = new Map<string, number | null>();
  if (channelSkus.length === 0) return map;
  const rows = await tx
    .select({ channelSku: channelListings.channelSku, skuId: channelListings.skuId })
    .from(channelListings)
    .where(
      and(eq(channelListings.channelId, channelId), inArray(channelListings.channelSku, [...new Set(channelSkus)])),
    );
  for (const r of rows) map.set(r.channelSku, r.skuId);
  return map;
}

export function holdReasonOf(order: IncomingOrder, skus: Map<string, number | null>): string | null {
  const missing = order.lines.filter((l) => !skus.get(l.channelSku));
  if (missing.length === 0) return null;
  const named = missing
    .slice(0, 5)
    .map(
      (l) =>
        `${l.channelSku}${l.sellerSku ? ` (seller SKU ${l.sellerSku})` : ''} on line ${l.externalLineId}` +
        (skus.has(l.channelSku) ? '' : ', not among the pulled listings'),
    );
  const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
  const one = missing.length === 1;
  return (
    `PO ${order.poNumber} is on hold: ${one ? 'marketplace SKU' : 'marketplace SKUs'} ${named.join('; ')}${more} ${one ? 'is' : 'are'} not linked to a Weft SKU. ` +
    'Link the listing to a Weft SKU (pull SKUs first if it is missing), then reprocess the order.'
  );
}

const lineValues = (orderId: number, l: IncomingOrderLine, skus: Map<string, number | null>) => ({
  orderId,
  externalLineId: l.externalLineId,
  channelSku: l.channelSku,
  skuId: skus.get(l.channelSku) ?? null,
  quantity: l.quantity,
  cancelledQty: l.cancelledQty,
  shortPickedQty: l.shortPickedQty,
  mrpPaise: l.mrpPaise,
  unitPricePaise: l.unitPricePaise,
  hsn: l.hsn,
  gstRate: l.gstRate === null ? null : String(l.gstRate),
  tax: l.tax,
  pendencyItemIds: l.pendencyItemIds,
});

/** The reservation of these pendency lines becomes the order's allocation. */
async function convertPendency(tx: Tx, channelId: number, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await tx
    .update(backorderLines)
    .set({ status: 'converted', updatedAt: new Date() })
    .where(
      and(
        eq(backorderLines.channelId, channelId),
        inArray(backorderLines.orderItemId, itemIds),
        ne(backorderLines.status, 'converted'),
      ),
    );
}

const pendencyOf = (o: IncomingOrder) => o.lines.flatMap((l) => l.pendencyItemIds);

type Item = { order: IncomingOrder; unreadable?: undefined } | { unreadable: UnreadableOrder; order?: undefined };
const poOf = (item: Item) => (item.order ? item.order.poNumber : item.unreadable.poNumber);

export async function ingestOrders(
  database: Database,
  channel: IngestChannel,
  parsed: ParsedOrder[],
  actor: string,
): Promise<IngestResult[]> {
  const db = database.db;
  // The last copy of a PO on a page wins; sorted so concurrent pulls lock rows in the same order.
  const byPo = new Map<string, Item>();
  for (const p of parsed as Item[]) if (poOf(p)) byPo.set(poOf(p), p);
  const items = [...byPo.values()].sort((a, b) => (poOf(a) < poOf(b) ? -1 : 1));
  if (items.length === 0) return [];
  const skus = await db.transaction((tx) =>
    resolveSkus(
      tx,
      channel.id,
      items.flatMap((i) => i.order?.lines.map((l) => l.channelSku) ?? []),
    ),
  );
  const plans = items.map((item) => {
    if (item.unreadable)
      return { item, status: 'on_hold' as OrderStatus, hold: item.unreadable.reason as string | null };
    const hold = item.order.status === 'cancelled' ? null : holdReasonOf(item.order, skus);
    return { item, status: hold ? ('on_hold' as OrderStatus) : arrivalStatus(item.order.status), hold };
  });
  const created = await insertNew(database, channel, plans, skus, actor);
  const results: IngestResult[] = [];
  for (const { item, hold } of plans) {
    const id = created.get(poOf(item));
    if (id !== undefined)
      results.push({
        poNumber: poOf(item),
        orderId: id,
        outcome: hold ? 'failed' : 'created',
        message: hold ?? undefined,
      });
  }
  const seen = plans.filter((p) => !created.has(poOf(p.item)));
  if (seen.length)
    results.push(
      ...(await db.transaction((tx) =>
        updateExisting(
          tx,
          channel,
          seen.map((p) => p.item),
          skus,
          actor,
        ),
      )),
    );
  return results;
}

/**
 * New POs of a page in one statement — orders, their lines, an event each and the pendency they
 * convert — so they land together or not at all, and a page costs one round trip, not hundreds.
 * `on conflict do nothing` makes a PO another pull has just created a no-op here (it is updated instead).
 */
const insertSql = `
with input as (
  select * from unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                       $11::bigint[], $12::bigint[], $13::text[], $14::text[])
    as t(po_number, external_id, po_date, status, marketplace_status, hold_reason, bill_to, ship_to, po_amount, total_tax, raw, note)
), created as (
  insert into orders (channel_id, warehouse_id, po_number, external_id, po_date, status, marketplace_status, marketplace_status_at,
                      hold_reason, bill_to, ship_to, po_amount_paise, total_tax_paise, raw)
  select $1, $2, po_number, external_id, po_date, status, marketplace_status, now(), hold_reason,
         bill_to::jsonb, ship_to::jsonb, po_amount, total_tax, raw::jsonb from input
  on conflict (channel_id, po_number) do nothing
  returning id, po_number, status
), line_input as (
  select * from unnest($15::text[], $16::text[], $17::text[], $18::int[], $19::int[], $20::int[], $21::int[], $22::bigint[],
                       $23::bigint[], $24::text[], $25::numeric[], $26::text[], $27::text[])
    as t(po_number, external_line_id, channel_sku, sku_id, quantity, cancelled_qty, short_picked_qty, mrp, unit_price, hsn, gst_rate, tax, pendency)
), lines as (
  insert into order_lines (order_id, external_line_id, channel_sku, sku_id, quantity, cancelled_qty, short_picked_qty, mrp_paise,
                           unit_price_paise, hsn, gst_rate, tax, pendency_item_ids)
  select c.id, l.external_line_id, l.channel_sku, l.sku_id, l.quantity, l.cancelled_qty, l.short_picked_qty, l.mrp, l.unit_price,
         l.hsn, l.gst_rate, l.tax::jsonb, array(select jsonb_array_elements_text(l.pendency::jsonb))
  from line_input l join created c on c.po_number = l.po_number
), events as (
  insert into order_events (order_id, status, note, actor)
  select c.id, c.status, i.note, $28 from created c join input i on i.po_number = c.po_number
), converted as (
  update backorder_lines set status = 'converted', updated_at = now()
  where channel_id = $1 and status <> 'converted' and order_item_id in (
    select jsonb_array_elements_text(l.pendency::jsonb) from line_input l join created c on c.po_number = l.po_number)
)
select id, po_number from created`;

async function insertNew(
  database: Database,
  channel: IngestChannel,
  plans: { item: Item; status: OrderStatus; hold: string | null }[],
  skus: Map<string, number | null>,
  actor: string,
): Promise<Map<string, number>> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const col = <T>(f: (p: (typeof plans)[number]) => T) => plans.map(f);
  const lines = plans.flatMap(({ item }) =>
    item.order ? item.order.lines.map((l) => ({ po: item.order.poNumber, l })) : [],
  );
  const params = [
    channel.id,
    channel.warehouseId,
    col((p) => poOf(p.item)),
    col((p) => p.item.order?.externalId ?? p.item.unreadable?.externalId ?? poOf(p.item)),
    col((p) => p.item.order?.poDate?.toISOString() ?? null),
    col((p) => p.status),
    col((p) => p.item.order?.marketplaceStatus ?? p.item.unreadable?.marketplaceStatus ?? null),
    col((p) => p.hold),
    col((p) => json(p.item.order?.billTo)),
    col((p) => json(p.item.order?.shipTo)),
    col((p) => p.item.order?.poAmountPaise ?? null),
    col((p) => p.item.order?.totalTaxPaise ?? null),
    col((p) => json(p.item.order ? p.item.order.raw : p.item.unreadable!.raw)),
    col((p) => {
      const pulled = `Pulled from the marketplace (status ${p.item.order?.marketplaceStatus ?? p.item.unreadable?.marketplaceStatus ?? 'unknown'}).`;
      return p.hold ? `${pulled} ${p.hold}` : pulled;
    }),
    lines.map((x) => x.po),
    lines.map((x) => x.l.externalLineId),
    lines.map((x) => x.l.channelSku),
    lines.map((x) => skus.get(x.l.channelSku) ?? null),
    lines.map((x) => x.l.quantity),
    lines.map((x) => x.l.cancelledQty),
    lines.map((x) => x.l.shortPickedQty),
    lines.map((x) => x.l.mrpPaise),
    lines.map((x) => x.l.unitPricePaise),
    lines.map((x) => x.l.hsn),
    lines.map((x) => x.l.gstRate),
    lines.map((x) => json(x.l.tax)),
    lines.map((x) => JSON.stringify(x.l.pendencyItemIds)),
    actor,
  ];
  const { rows } = await database.query<{ id: number; po_number: string }>(insertSql, params);
  return new Map(rows.map((r) => [r.po_number, Number(r.id)]));
}

async function updateExisting(
  tx: Tx,
  channel: IngestChannel,
  items: Item[],
  skus: Map<string, number | null>,
  actor: string,
): Promise<IngestResult[]> {
  const rows = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.channelId, channel.id), inArray(orders.poNumber, items.map(poOf))))
    .orderBy(orders.poNumber)
    .for('update');
  const byPo = new Map(rows.map((r) => [r.poNumber, r]));
  const lines = rows.length
    ? await tx
        .select()
        .from(orderLines)
        .where(
          inArray(
            orderLines.orderId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const results: IngestResult[] = [];
  for (const item of items) {
    const row = byPo.get(poOf(item))!;
    const own = lines.filter((l) => l.orderId === row.id);
    if (item.unreadable) {
      // Never overwrite a readable order with an unreadable copy; an order on hold keeps the latest payload.
      if (row.status === 'on_hold') {
        await tx
          .update(orders)
          .set({ raw: item.unreadable.raw, holdReason: item.unreadable.reason, updatedAt: new Date() })
          .where(eq(orders.id, row.id));
      }
      results.push({ poNumber: row.poNumber, orderId: row.id, outcome: 'failed', message: item.unreadable.reason });
      continue;
    }
    results.push(
      row.status === 'on_hold'
        ? await retryHeld(tx, channel, row, item.order, skus, actor)
        : await applyChanges(tx, row, own, item.order, actor),
    );
  }
  return results;
}

/** An order on hold is built again from the fresh PO: released when every SKU is linked, else kept with the new reason. */
async function retryHeld(
  tx: Tx,
  channel: IngestChannel,
  row: OrderRow,
  o: IncomingOrder,
  skus: Map<string, number | null>,
  actor: string,
): Promise<IngestResult> {
  const hold = o.status === 'cancelled' ? null : holdReasonOf(o, skus);
  const fields = {
    externalId: o.externalId,
    poDate: o.poDate,
    marketplaceStatus: o.marketplaceStatus,
    billTo: o.billTo,
    shipTo: o.shipTo,
    poAmountPaise: o.poAmountPaise,
    totalTaxPaise: o.totalTaxPaise,
    raw: o.raw,
    updatedAt: new Date(),
    ...(row.marketplaceStatus !== o.marketplaceStatus ? { marketplaceStatusAt: new Date() } : {}),
  };
  await tx.delete(orderLines).where(eq(orderLines.orderId, row.id));
  await tx.insert(orderLines).values(o.lines.map((l) => lineValues(row.id, l, skus)));
  // The PO took its pendency: still held, its lines reserve the units themselves (available.ts).
  if (o.status !== 'cancelled') await convertPendency(tx, channel.id, pendencyOf(o));
  if (hold) {
    await tx
      .update(orders)
      .set({ ...fields, holdReason: hold })
      .where(eq(orders.id, row.id));
    return { poNumber: row.poNumber, orderId: row.id, outcome: 'failed', message: hold };
  }
  // Released: open (the warehouse still packs it) — or as the marketplace has it, when it was cancelled or left meanwhile.
  const status = o.status === 'cancelled' ? 'cancelled' : arrivalStatus(o.status);
  await tx
    .update(orders)
    .set({ ...fields, holdReason: null })
    .where(eq(orders.id, row.id));
  const note =
    status === 'open'
      ? 'Released from hold: every SKU is linked.'
      : `Left hold as the marketplace has it (status ${o.marketplaceStatus}).`;
  await moveOrder(tx, row.id, status, status === 'cancelled' ? 'marketplace' : 'intake', note, actor);
  return { poNumber: row.poNumber, orderId: row.id, outcome: 'updated' };
}

/** Key order does not matter: jsonb gives keys back in its own order. */
const canonical = (v: unknown) =>
  v && typeof v === 'object'
    ? JSON.stringify(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
    : JSON.stringify(v ?? null);
const sameTax = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const rupeeText = (paise: unknown) => `₹${(Number(paise ?? 0) / 100).toFixed(2)}`;
const taxText = (tax: Record<string, unknown> | null) =>
  tax
    ? ['cgst', 'sgst', 'igst']
        .filter((k) => Number(tax[`${k}Paise`] ?? 0) > 0)
        .map((k) => `${k.toUpperCase()} ${rupeeText(tax[`${k}Paise`])}`)
        .join(' + ') || '₹0.00'
    : 'none';

/**
 * The marketplace's current figures for lines Weft already has: cancelled and short-picked quantities
 * only go up (Weft may have recorded its own cancellation first), and the tax the marketplace now puts
 * on the line replaces the one first pulled — after a partial cancellation it is the tax of the units
 * left, which is what the invoice is checked against. Returns what changed, for the order's timeline.
 */
export async function applyLineChanges(tx: Tx, own: LineRow[], incoming: IncomingOrderLine[]): Promise<string[]> {
  const notes: string[] = [];
  for (const fresh of incoming) {
    const line = own.find((l) => l.externalLineId === fresh.externalLineId);
    if (!line) continue;
    const cancelled = Math.max(line.cancelledQty, fresh.cancelledQty);
    // A short pick Weft recorded at the pack is what was left unpacked; a cancellation learnt later
    // takes units out of that, so the two never count the same unit twice.
    const shortPicked = Math.min(
      Math.max(line.shortPickedQty, fresh.shortPickedQty),
      Math.max(0, line.quantity - cancelled - line.packedQty),
    );
    const taxChanged = fresh.tax !== null && !sameTax(line.tax, fresh.tax);
    const rate = fresh.gstRate === null ? line.gstRate : String(fresh.gstRate);
    const rateChanged =
      rate !== null && line.gstRate !== null ? Number(rate) !== Number(line.gstRate) : rate !== line.gstRate;
    if (cancelled === line.cancelledQty && shortPicked === line.shortPickedQty && !taxChanged && !rateChanged) continue;
    await tx
      .update(orderLines)
      .set({
        cancelledQty: cancelled,
        shortPickedQty: shortPicked,
        ...(taxChanged ? { tax: fresh.tax } : {}),
        ...(rateChanged ? { gstRate: rate } : {}),
      })
      .where(eq(orderLines.id, line.id));
    if (cancelled !== line.cancelledQty)
      notes.push(`line ${line.externalLineId} cancelled ${line.cancelledQty} → ${cancelled}`);
    if (shortPicked !== line.shortPickedQty)
      notes.push(`line ${line.externalLineId} short-picked ${line.shortPickedQty} → ${shortPicked}`);
    if (rateChanged) notes.push(`line ${line.externalLineId} GST rate ${line.gstRate ?? 'none'}% → ${rate}%`);
    if (taxChanged) notes.push(`line ${line.externalLineId} tax ${taxText(line.tax)} → ${taxText(fresh.tax)}`);
  }
  return notes;
}

/** Marketplace changes to an order Weft already has: status forward only, line quantities and tax as above. */
async function applyChanges(
  tx: Tx,
  row: OrderRow,
  own: LineRow[],
  o: IncomingOrder,
  actor: string,
): Promise<IngestResult> {
  const notes = await applyLineChanges(tx, own, o.lines);
  const report = marketplaceReport(row.status, o.status);
  const marketplaceChanged = row.marketplaceStatus !== o.marketplaceStatus;
  if (!notes.length && !report.to && !marketplaceChanged)
    return { poNumber: row.poNumber, orderId: row.id, outcome: 'unchanged' };
  await tx
    .update(orders)
    .set({
      marketplaceStatus: o.marketplaceStatus,
      poAmountPaise: o.poAmountPaise,
      totalTaxPaise: o.totalTaxPaise,
      raw: o.raw,
      updatedAt: new Date(),
      ...(marketplaceChanged ? { marketplaceStatusAt: new Date() } : {}),
    })
    .where(eq(orders.id, row.id));
  if (marketplaceChanged)
    notes.unshift(`marketplace status ${row.marketplaceStatus ?? 'unknown'} → ${o.marketplaceStatus}`);
  if (report.kept && marketplaceChanged) notes.push(report.kept);
  const note = `Changed at the marketplace: ${notes.join('; ')}.`;
  if (report.to) await moveOrder(tx, row.id, report.to, 'marketplace', note, actor);
  else await tx.insert(orderEvents).values({ orderId: row.id, status: row.status, note, actor });
  return { poNumber: row.poNumber, orderId: row.id, outcome: 'updated' };
}

/** Marketplace ids of a channel's orders not yet closed (cancelled or delivered) and not in `except` (PO numbers). */
export async function openOrderIds(db: Db, channelId: number, except: Set<string>): Promise<string[]> {
  const rows = await db
    .select({ poNumber: orders.poNumber, externalId: orders.externalId })
    .from(orders)
    .where(and(eq(orders.channelId, channelId), sql`${orders.status} not in ('cancelled', 'delivered')`))
    .orderBy(orders.id);
  return rows.filter((r) => !except.has(r.poNumber)).map((r) => r.externalId);
}
