import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { boxItems, boxes, orderLines, orders, skus, type OrderStatus } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { findSkuByScan } from '../catalog/skus.ts';
import { moveOrder } from '../orders/lifecycle.ts';
import { closeFinishedPicklists } from './picklists.ts';

/**
 * Packing by scanning at a pack station: open a box by scanning its box/LPN id, scan units into it,
 * close it with its weight, then finish the order. Every refusal says what was scanned and why, in
 * words a packer can act on; a refused scan changes nothing.
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

export interface PackState {
  orderId: number;
  poNumber: string;
  status: string;
  lines: PackLine[];
  boxes: PackBox[];
  openBox: string | null;
  unitsRemaining: number;
}

/** Orders in these states can be packed; anything later is already done, anything else not ready. */
const packable = ['open', 'picking'];
const finishedStates: OrderStatus[] = ['shipped', 'delivered', 'cancelled'];

async function lockOrder(tx: Db, orderId: number) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw notFound(`There is no order ${orderId}.`);
  if (!packable.includes(order.status)) {
    const why = order.status === 'on_hold' ? `is on hold (${order.holdReason ?? 'see the order'})` : `is ${order.status.replace(/_/g, ' ')}`;
    throw new AppError('conflict', `PO ${order.poNumber} ${why}; it cannot be packed.`);
  }
  return order;
}

export async function packState(db: Db, orderId: number): Promise<PackState> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound(`There is no order ${orderId}.`);
  const lines = await db.select({
    lineId: orderLines.id, externalLineId: orderLines.externalLineId, sku: skus.code, ean: skus.ean, name: skus.name,
    ordered: orderLines.quantity, cancelled: orderLines.cancelledQty, packed: orderLines.packedQty,
  }).from(orderLines).innerJoin(skus, eq(skus.id, orderLines.skuId)).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.id));
  const boxRows = await db.select().from(boxes).where(eq(boxes.orderId, orderId)).orderBy(asc(boxes.boxNo));
  const items = boxRows.length === 0 ? [] : await db.select({ boxId: boxItems.boxId, sku: skus.code, quantity: boxItems.quantity })
    .from(boxItems).innerJoin(orderLines, eq(orderLines.id, boxItems.orderLineId)).innerJoin(skus, eq(skus.id, orderLines.skuId))
    .where(inArray(boxItems.boxId, boxRows.map((b) => b.id)));
  const packLines = lines.map((l) => ({ ...l, remaining: l.ordered - l.cancelled - l.packed }));
  return {
    orderId, poNumber: order.poNumber, status: order.status, lines: packLines,
    boxes: boxRows.map((b) => ({
      boxCode: b.boxCode, boxNo: b.boxNo, status: b.status, weightGrams: b.weightGrams, awb: b.awb,
      items: items.filter((i) => i.boxId === b.id).map(({ sku, quantity }) => ({ sku, quantity })),
    })),
    openBox: boxRows.find((b) => b.status === 'open')?.boxCode ?? null,
    unitsRemaining: packLines.reduce((s, l) => s + l.remaining, 0),
  };
}

export async function openBox(db: Db, orderId: number, scannedBox: string, actor: string): Promise<PackState> {
  const boxCode = scannedBox.trim();
  if (!/^[A-Za-z0-9_-]{3,40}$/.test(boxCode)) throw invalid(`"${scannedBox}" is not a box id: scan the box's barcode (3 to 40 letters or digits).`, 'box');
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    // A box id may be used again only once the PO it went out with has been dispatched (AJIO's rule).
    const [elsewhere] = await tx.select({ po: orders.poNumber }).from(boxes).innerJoin(orders, eq(orders.id, boxes.orderId))
      .where(and(eq(boxes.boxCode, boxCode), ne(boxes.orderId, orderId), notInArray(orders.status, finishedStates)));
    if (elsewhere) throw new AppError('conflict', `Box ${boxCode} belongs to PO ${elsewhere.po}, which has not been dispatched: use another box.`, { field: 'box' });
    const mine = await tx.select().from(boxes).where(eq(boxes.orderId, orderId));
    const again = mine.find((b) => b.boxCode === boxCode);
    if (again?.status === 'open') return;
    if (again) throw new AppError('conflict', `Box ${boxCode} of PO ${order.poNumber} is already closed: scan a new box.`, { field: 'box' });
    const open = mine.find((b) => b.status === 'open');
    if (open) throw new AppError('conflict', `Close box ${open.boxNo} (${open.boxCode}) with its weight before opening another.`, { field: 'box' });
    await tx.insert(boxes).values({ orderId, boxCode, boxNo: mine.length + 1 });
    if (order.status === 'open') await moveOrder(tx, orderId, 'picking', 'warehouse', 'Packing started.', actor);
  });
  return packState(db, orderId);
}

export async function scanUnit(db: Db, orderId: number, scanned: string): Promise<PackState> {
  const code = scanned.trim();
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const [box] = await tx.select().from(boxes).where(and(eq(boxes.orderId, orderId), eq(boxes.status, 'open')));
    if (!box) throw new AppError('conflict', `Scan a box id first: PO ${order.poNumber} has no open box.`, { field: 'box' });
    const sku = await findSkuByScan(tx, code);
    if (!sku) throw invalid(`${code} is not a SKU code or EAN Weft knows.`, 'unit');
    const lines = await tx.select().from(orderLines).where(and(eq(orderLines.orderId, orderId), eq(orderLines.skuId, sku.id))).for('update');
    if (lines.length === 0) throw new AppError('conflict', `${sku.code} (${sku.name}) is not on PO ${order.poNumber}: put it back.`, { field: 'unit' });
    const line = lines.find((l) => l.quantity - l.cancelledQty - l.packedQty > 0);
    if (!line) {
      const total = lines.reduce((s, l) => s + l.quantity - l.cancelledQty, 0);
      throw new AppError('conflict', `All ${total} of ${sku.code} on PO ${order.poNumber} are already packed: this one is extra.`, { field: 'unit' });
    }
    await tx.update(orderLines).set({ packedQty: sql`${orderLines.packedQty} + 1` }).where(eq(orderLines.id, line.id));
    await tx.insert(boxItems).values({ boxId: box.id, orderLineId: line.id, quantity: 1 })
      .onConflictDoUpdate({ target: [boxItems.boxId, boxItems.orderLineId], set: { quantity: sql`${boxItems.quantity} + 1` } });
  });
  return packState(db, orderId);
}

/** Takes one unit back out of the open box (a wrong scan noticed by the packer). */
export async function unscanUnit(db: Db, orderId: number, scanned: string): Promise<PackState> {
  await db.transaction(async (tx) => {
    await lockOrder(tx, orderId);
    const [box] = await tx.select().from(boxes).where(and(eq(boxes.orderId, orderId), eq(boxes.status, 'open')));
    const sku = await findSkuByScan(tx, scanned.trim());
    if (!box || !sku) throw invalid(`There is no ${scanned} in an open box of this order.`, 'unit');
    const [item] = await tx.select({ lineId: boxItems.orderLineId, quantity: boxItems.quantity }).from(boxItems)
      .innerJoin(orderLines, eq(orderLines.id, boxItems.orderLineId))
      .where(and(eq(boxItems.boxId, box.id), eq(orderLines.skuId, sku.id)));
    if (!item) throw invalid(`There is no ${sku.code} in box ${box.boxCode}.`, 'unit');
    if (item.quantity === 1) await tx.delete(boxItems).where(and(eq(boxItems.boxId, box.id), eq(boxItems.orderLineId, item.lineId)));
    else await tx.update(boxItems).set({ quantity: item.quantity - 1 }).where(and(eq(boxItems.boxId, box.id), eq(boxItems.orderLineId, item.lineId)));
    await tx.update(orderLines).set({ packedQty: sql`${orderLines.packedQty} - 1` }).where(eq(orderLines.id, item.lineId));
  });
  return packState(db, orderId);
}

export async function closeBox(db: Db, orderId: number, weightGrams: number): Promise<PackState> {
  if (!Number.isInteger(weightGrams) || weightGrams <= 0 || weightGrams > 100_000) {
    throw invalid('Give the box weight in grams, a whole number from 1 to 100000.', 'weightGrams');
  }
  await db.transaction(async (tx) => {
    await lockOrder(tx, orderId);
    const [box] = await tx.select().from(boxes).where(and(eq(boxes.orderId, orderId), eq(boxes.status, 'open')));
    if (!box) throw new AppError('conflict', 'There is no open box to close.', { field: 'box' });
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(boxItems).where(eq(boxItems.boxId, box.id));
    if (n === 0) throw new AppError('conflict', `Box ${box.boxCode} is empty: scan units into it, or use it for the next PO.`, { field: 'box' });
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
    if (boxRows.length === 0) throw new AppError('conflict', `Nothing is packed for PO ${order.poNumber}: open a box and scan units first.`);
    const open = boxRows.find((b) => b.status === 'open');
    if (open) throw new AppError('conflict', `Close box ${open.boxNo} (${open.boxCode}) with its weight first.`, { field: 'box' });
    await tx.update(orderLines).set({ shortPickedQty: sql`${orderLines.quantity} - ${orderLines.cancelledQty} - ${orderLines.packedQty}` })
      .where(eq(orderLines.orderId, orderId));
    const [{ short }] = await tx.select({ short: sql<number>`coalesce(sum(${orderLines.shortPickedQty}), 0)::int` })
      .from(orderLines).where(eq(orderLines.orderId, orderId));
    await moveOrder(tx, orderId, 'packed', 'warehouse', short ? `Packed in ${boxRows.length} box(es); ${short} unit(s) short-picked.` : `Packed in ${boxRows.length} box(es).`, actor);
    await closeFinishedPicklists(tx, orderId);
  });
  return packState(db, orderId);
}
