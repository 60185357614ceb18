import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireFulfillable } from '../channel-mode/fulfillable.ts';
import type { Db } from '../../db/connect.ts';
import { boxItems, boxes, channels, orderDiscrepancies, orderLines, orders, skus } from '../../db/schema.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { findSkuByScan } from '../catalog/skus.ts';
import { requireBoxIdFree } from './box-ids.ts';
import {
  loadPlan,
  nextPlannedBox,
  planLineFor,
  plannedUnits,
  recordWeight,
  requireBoxAsPlanned,
  requirePlanPacked,
  requirePlannedBox,
  type PlannedBox,
} from './pack-plan.ts';
import { moveOrder } from '../orders/lifecycle.ts';
import { closeFinishedPicklists } from './picklists.ts';

/**
 * Packing by scanning at a pack station: open a box by scanning its box/LPN id, scan units into it,
 * close it with its weight, then finish the order. Every refusal says what was scanned and why, in
 * words a packer can act on; a refused scan changes nothing. A prefetched PO is packed exactly as its
 * plan (pack-plan.ts): the planned box labels, each with its planned units.
 */
export interface PackLine {
  lineId: number;
  externalLineId: string;
  sku: string;
  ean: string | null;
  name: string;
  ordered: number;
  cancelled: number;
  packed: number;
  remaining: number;
}

export interface PackBox {
  boxCode: string;
  boxNo: number;
  status: 'open' | 'closed';
  weightGrams: number | null;
  awb: string | null;
  items: { sku: string; quantity: number }[];
}

/** A box of a prefetched PO's plan, as the marketplace holds it, and how far it is packed. */
export interface PlanBox {
  boxCode: string;
  boxNo: number;
  awb: string | null;
  weightGrams: number;
  invoiceNumber: string;
  lines: { externalLineId: string; sku: string; quantity: number; packed: number }[];
  state: 'to pack' | 'open' | 'closed';
}

export interface PackDiscrepancy {
  kind: string;
  boxCode: string;
  marketplaceValue: number;
  packedValue: number;
  message: string;
}

export interface PackState {
  orderId: number;
  poNumber: string;
  status: string;
  /** The marketplace's own status, kept beside Weft's. */
  marketplaceStatus: string | null;
  lines: PackLine[];
  boxes: PackBox[];
  openBox: string | null;
  unitsRemaining: number;
  /** A prefetched PO's plan (the marketplace's invoice and AWBs), or null: pack exactly this. */
  plan: PlanBox[] | null;
  /** What the packer does next, in a sentence. */
  cue: string;
  discrepancies: PackDiscrepancy[];
}

/** Orders in these states can be packed; anything later is already done, anything else not ready. */
const packable = ['open', 'picking'];

async function lockOrder(tx: Db, orderId: number) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw notFound(`There is no order ${orderId}.`);
  if (!packable.includes(order.status)) {
    const why =
      order.status === 'on_hold'
        ? `is on hold (${order.holdReason ?? 'see the order'})`
        : `is ${order.status.replace(/_/g, ' ')}`;
    throw new AppError('conflict', `PO ${order.poNumber} ${why}; it cannot be packed.`);
  }
  // Every pack step comes through here: a PO its channel's mode keeps from Weft is refused at the first scan.
  await requireFulfillable(tx, order, 'packed');
  return order;
}

export async function packState(db: Db, orderId: number): Promise<PackState> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound(`There is no order ${orderId}.`);
  const lines = await db
    .select({
      lineId: orderLines.id,
      externalLineId: orderLines.externalLineId,
      sku: skus.code,
      ean: skus.ean,
      name: skus.name,
      ordered: orderLines.quantity,
      cancelled: orderLines.cancelledQty,
      packed: orderLines.packedQty,
    })
    .from(orderLines)
    .innerJoin(skus, eq(skus.id, orderLines.skuId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.id));
  const { boxRows, items } = await boxesWithItems(db, orderId);
  const packLines = lines.map((l) => ({ ...l, remaining: l.ordered - l.cancelled - l.packed }));
  const plan = await loadPlan(db, orderId);
  const itemsOf = (boxId: number) => items.filter((i) => i.boxId === boxId);
  const packBoxes: PackBox[] = boxRows.map((b) => ({
    boxCode: b.boxCode,
    boxNo: b.boxNo,
    status: b.status,
    weightGrams: b.weightGrams,
    awb: b.awb,
    items: itemsOf(b.id).map(({ sku, quantity }) => ({ sku, quantity })),
  }));
  const planBoxes = plan.length === 0 ? null : planProgress(plan, boxRows, itemsOf, lines);
  const discrepancies = await discrepanciesOf(db, orderId);
  const open = boxRows.find((b) => b.status === 'open');
  const unitsRemaining = packLines.reduce((s, l) => s + l.remaining, 0);
  return {
    orderId,
    poNumber: order.poNumber,
    status: order.status,
    marketplaceStatus: order.marketplaceStatus,
    lines: packLines,
    boxes: packBoxes,
    openBox: open?.boxCode ?? null,
    unitsRemaining,
    plan: planBoxes,
    discrepancies,
    cue: cueFor(order.status, plan, boxRows, open?.boxCode ?? null, unitsRemaining),
  };
}

/** An order's boxes in order, and what is in each (by order line and SKU). */
async function boxesWithItems(db: Db, orderId: number) {
  const boxRows = await db.select().from(boxes).where(eq(boxes.orderId, orderId)).orderBy(asc(boxes.boxNo));
  const items =
    boxRows.length === 0
      ? []
      : await db
          .select({ boxId: boxItems.boxId, lineId: boxItems.orderLineId, sku: skus.code, quantity: boxItems.quantity })
          .from(boxItems)
          .innerJoin(orderLines, eq(orderLines.id, boxItems.orderLineId))
          .innerJoin(skus, eq(skus.id, orderLines.skuId))
          .where(
            inArray(
              boxItems.boxId,
              boxRows.map((b) => b.id),
            ),
          );
  return { boxRows, items };
}

type BoxRow = typeof boxes.$inferSelect;
type BoxItem = { boxId: number; lineId: number; sku: string; quantity: number };

/** A prefetch's planned boxes, each with how far its packing has got, line by line. */
function planProgress(
  plan: PlannedBox[],
  boxRows: BoxRow[],
  itemsOf: (boxId: number) => BoxItem[],
  lines: { lineId: number; externalLineId: string; sku: string }[],
): PlanBox[] {
  const byCode = new Map(boxRows.map((b) => [b.boxCode, b]));
  const lineIdOf = new Map(lines.map((l) => [l.externalLineId, l]));
  return plan.map((p) => {
    const packed = byCode.get(p.boxCode);
    const inBox = packed ? boxLineUnits(itemsOf(packed.id)) : new Map<number, number>();
    return {
      boxCode: p.boxCode,
      boxNo: p.boxNo,
      awb: p.awb,
      weightGrams: p.weightGrams,
      invoiceNumber: p.invoiceNumber,
      state: packed ? packed.status : 'to pack',
      lines: p.lines.map((l) => {
        const line = lineIdOf.get(l.externalLineId);
        return {
          externalLineId: l.externalLineId,
          sku: line?.sku ?? l.externalLineId,
          quantity: l.quantity,
          packed: line ? (inBox.get(line.lineId) ?? 0) : 0,
        };
      }),
    };
  });
}

/** What packs of this order recorded that the marketplace cannot take, newest first. */
function discrepanciesOf(db: Db, orderId: number) {
  return db
    .select({
      kind: orderDiscrepancies.kind,
      boxCode: orderDiscrepancies.boxCode,
      marketplaceValue: orderDiscrepancies.marketplaceValue,
      packedValue: orderDiscrepancies.packedValue,
      message: orderDiscrepancies.message,
    })
    .from(orderDiscrepancies)
    .where(eq(orderDiscrepancies.orderId, orderId))
    .orderBy(desc(orderDiscrepancies.id));
}

function boxLineUnits(items: { lineId: number; quantity: number }[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const i of items) m.set(i.lineId, (m.get(i.lineId) ?? 0) + i.quantity);
  return m;
}

function cueFor(
  status: string,
  plan: Awaited<ReturnType<typeof loadPlan>>,
  boxRows: { boxCode: string; status: string }[],
  open: string | null,
  remaining: number,
): string {
  if (!packable.includes(status)) return `The order is ${status.replace(/_/g, ' ')}: nothing to pack.`;
  if (open) {
    const planned = plan.find((p) => p.boxCode === open);
    return planned
      ? `Scan the units of box ${open} as planned (${[...plannedUnits(planned).values()].reduce((a, b) => a + b, 0)} unit(s)), then close it with its weight.`
      : 'Scan units into the open box, then close it with its weight.';
  }
  if (plan.length) {
    const next = nextPlannedBox(plan, new Set(boxRows.map((b) => b.boxCode)));
    return next
      ? `Prefetched: scan the label of box ${next.boxCode} (box ${next.boxNo} of ${plan.length}, AWB ${next.awb ?? 'pending'}).`
      : 'Every planned box is packed: finish the pack.';
  }
  return remaining > 0 ? 'Scan a box label to open a box.' : 'Everything is packed: finish the pack.';
}

/** The channel's box id format for an order, when the channel declares one. */
async function boxIdRuleOf(tx: Db, channelId: number, lookup?: (type: string) => ChannelDescriptor | undefined) {
  if (!lookup) return null;
  const [channel] = await tx
    .select({ type: channels.type, settings: channels.settings })
    .from(channels)
    .where(eq(channels.id, channelId));
  return lookup(channel.type)?.policy(channel.settings).boxIdRule ?? null;
}

export async function openBox(
  db: Db,
  orderId: number,
  scannedBox: string,
  actor: string,
  lookup?: (type: string) => ChannelDescriptor | undefined,
): Promise<PackState> {
  const boxCode = scannedBox.trim();
  if (!/^[A-Za-z0-9_-]{3,40}$/.test(boxCode))
    throw invalid(`"${scannedBox}" is not a box id: scan the box's barcode (3 to 40 letters or digits).`, 'box');
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const mine = await tx.select().from(boxes).where(eq(boxes.orderId, orderId));
    const plan = await loadPlan(tx, orderId);
    const planned = plan.length
      ? requirePlannedBox(
          order.poNumber,
          plan,
          boxCode,
          new Set(mine.filter((b) => b.status === 'closed').map((b) => b.boxCode)),
        )
      : null;
    await requireBoxIdFree(
      tx,
      order,
      boxCode,
      planned ? null : await boxIdRuleOf(tx, order.channelId, lookup),
      planned !== null,
    );
    const again = mine.find((b) => b.boxCode === boxCode);
    if (again?.status === 'open') return;
    if (again)
      throw new AppError('conflict', `Box ${boxCode} of PO ${order.poNumber} is already closed: scan a new box.`, {
        field: 'box',
      });
    const open = mine.find((b) => b.status === 'open');
    if (open)
      throw new AppError(
        'conflict',
        `Close box ${open.boxNo} (${open.boxCode}) with its weight before opening another.`,
        { field: 'box' },
      );
    // A planned box keeps its place and the AWB the marketplace issued for it.
    await tx
      .insert(boxes)
      .values({ orderId, boxCode, boxNo: planned?.boxNo ?? mine.length + 1, awb: planned?.awb ?? null });
    if (order.status === 'open') await moveOrder(tx, orderId, 'picking', 'warehouse', 'Packing started.', actor);
  });
  return packState(db, orderId);
}

export async function scanUnit(db: Db, orderId: number, scanned: string): Promise<PackState> {
  const code = scanned.trim();
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const [box] = await tx
      .select()
      .from(boxes)
      .where(and(eq(boxes.orderId, orderId), eq(boxes.status, 'open')));
    if (!box)
      throw new AppError('conflict', `Scan a box id first: PO ${order.poNumber} has no open box.`, { field: 'box' });
    const sku = await findSkuByScan(tx, code);
    if (!sku) throw invalid(`${code} is not a SKU code or EAN Weft knows.`, 'unit');
    const lines = await tx
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.orderId, orderId), eq(orderLines.skuId, sku.id)))
      .for('update');
    if (lines.length === 0)
      throw new AppError('conflict', `${sku.code} (${sku.name}) is not on PO ${order.poNumber}: put it back.`, {
        field: 'unit',
      });
    const line = lines.find((l) => l.quantity - l.cancelledQty - l.packedQty > 0);
    if (!line) {
      const total = lines.reduce((s, l) => s + l.quantity - l.cancelledQty, 0);
      throw new AppError(
        'conflict',
        `All ${total} of ${sku.code} on PO ${order.poNumber} are already packed: this one is extra.`,
        { field: 'unit' },
      );
    }
    let lineId = line.id;
    const plan = await loadPlan(tx, orderId);
    const planned = plan.find((p) => p.boxCode === box.boxCode);
    if (planned) {
      const inBox = await tx
        .select({ lineId: boxItems.orderLineId, quantity: boxItems.quantity })
        .from(boxItems)
        .where(eq(boxItems.boxId, box.id));
      lineId = planLineFor(
        order.poNumber,
        plan,
        planned,
        sku.code,
        lines.filter((l) => l.quantity - l.cancelledQty - l.packedQty > 0),
        boxLineUnits(inBox),
      );
    }
    await tx
      .update(orderLines)
      .set({ packedQty: sql`${orderLines.packedQty} + 1` })
      .where(eq(orderLines.id, lineId));
    await tx
      .insert(boxItems)
      .values({ boxId: box.id, orderLineId: lineId, quantity: 1 })
      .onConflictDoUpdate({
        target: [boxItems.boxId, boxItems.orderLineId],
        set: { quantity: sql`${boxItems.quantity} + 1` },
      });
  });
  return packState(db, orderId);
}

/** Takes one unit back out of the open box (a wrong scan noticed by the packer). */
export async function unscanUnit(db: Db, orderId: number, scanned: string): Promise<PackState> {
  await db.transaction(async (tx) => {
    await lockOrder(tx, orderId);
    const [box] = await tx
      .select()
      .from(boxes)
      .where(and(eq(boxes.orderId, orderId), eq(boxes.status, 'open')));
    const sku = await findSkuByScan(tx, scanned.trim());
    if (!box || !sku) throw invalid(`There is no ${scanned} in an open box of this order.`, 'unit');
    const [item] = await tx
      .select({ lineId: boxItems.orderLineId, quantity: boxItems.quantity })
      .from(boxItems)
      .innerJoin(orderLines, eq(orderLines.id, boxItems.orderLineId))
      .where(and(eq(boxItems.boxId, box.id), eq(orderLines.skuId, sku.id)));
    if (!item) throw invalid(`There is no ${sku.code} in box ${box.boxCode}.`, 'unit');
    if (item.quantity === 1)
      await tx.delete(boxItems).where(and(eq(boxItems.boxId, box.id), eq(boxItems.orderLineId, item.lineId)));
    else
      await tx
        .update(boxItems)
        .set({ quantity: item.quantity - 1 })
        .where(and(eq(boxItems.boxId, box.id), eq(boxItems.orderLineId, item.lineId)));
    await tx
      .update(orderLines)
      .set({ packedQty: sql`${orderLines.packedQty} - 1` })
      .where(eq(orderLines.id, item.lineId));
  });
  return packState(db, orderId);
}

export async function closeBox(db: Db, orderId: number, weightGrams: number, actor = 'system'): Promise<PackState> {
  if (!Number.isInteger(weightGrams) || weightGrams <= 0 || weightGrams > 100_000) {
    throw invalid('Give the box weight in grams, a whole number from 1 to 100000.', 'weightGrams');
  }
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const [box] = await tx
      .select()
      .from(boxes)
      .where(and(eq(boxes.orderId, orderId), eq(boxes.status, 'open')));
    if (!box) throw new AppError('conflict', 'There is no open box to close.', { field: 'box' });
    const inBox = await tx
      .select({ line: orderLines.externalLineId, sku: skus.code, quantity: boxItems.quantity })
      .from(boxItems)
      .innerJoin(orderLines, eq(orderLines.id, boxItems.orderLineId))
      .innerJoin(skus, eq(skus.id, orderLines.skuId))
      .where(eq(boxItems.boxId, box.id));
    if (inBox.length === 0)
      throw new AppError('conflict', `Box ${box.boxCode} is empty: scan units into it, or use it for the next PO.`, {
        field: 'box',
      });
    const planned = (await loadPlan(tx, orderId)).find((p) => p.boxCode === box.boxCode);
    if (planned) {
      const skuOf = new Map(
        (
          await tx
            .select({ line: orderLines.externalLineId, sku: skus.code })
            .from(orderLines)
            .innerJoin(skus, eq(skus.id, orderLines.skuId))
            .where(eq(orderLines.orderId, orderId))
        ).map((r) => [r.line, r.sku]),
      );
      requireBoxAsPlanned(planned, new Map(inBox.map((i) => [i.line, i.quantity])), skuOf);
      await recordWeight(tx, orderId, order.poNumber, planned, weightGrams, order.status, actor);
    }
    await tx.update(boxes).set({ status: 'closed', weightGrams, closedAt: new Date() }).where(eq(boxes.id, box.id));
  });
  return packState(db, orderId);
}

/**
 * Finishes packing: what was not packed becomes short-picked, the order becomes packed. Returns the
 * final state; the caller then invoices (through the outbox) and labels.
 */
export async function finishPack(db: Db, orderId: number, actor: string): Promise<PackState> {
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const boxRows = await tx.select().from(boxes).where(eq(boxes.orderId, orderId));
    if (boxRows.length === 0)
      throw new AppError('conflict', `Nothing is packed for PO ${order.poNumber}: open a box and scan units first.`);
    const open = boxRows.find((b) => b.status === 'open');
    if (open)
      throw new AppError('conflict', `Close box ${open.boxNo} (${open.boxCode}) with its weight first.`, {
        field: 'box',
      });
    const plan = await loadPlan(tx, orderId);
    if (plan.length) requirePlanPacked(order.poNumber, plan, new Set(boxRows.map((b) => b.boxCode)));
    await tx
      .update(orderLines)
      .set({ shortPickedQty: sql`${orderLines.quantity} - ${orderLines.cancelledQty} - ${orderLines.packedQty}` })
      .where(eq(orderLines.orderId, orderId));
    const [{ short }] = await tx
      .select({ short: sql<number>`coalesce(sum(${orderLines.shortPickedQty}), 0)::int` })
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId));
    await moveOrder(
      tx,
      orderId,
      'packed',
      'warehouse',
      short
        ? `Packed in ${boxRows.length} box(es); ${short} unit(s) short-picked.`
        : `Packed in ${boxRows.length} box(es).`,
      actor,
    );
    await closeFinishedPicklists(tx, orderId);
  });
  return packState(db, orderId);
}
