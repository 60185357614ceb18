import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { backorderLines, channels, orderLines, orders } from '../../db/schema.ts';
import { allocatingStatuses } from './available.ts';

/**
 * What a warehouse's stock of a SKU is already promised to, the same two ways the channel figure
 * counts it (see available.ts):
 *
 * - allocated: units of order lines still to be shipped from that warehouse;
 * - reserved: units of open back-order (pendency) lines of channels whose warehouse it is, and of
 *   the lines of POs on hold there (their pendency was converted when they arrived).
 *
 * available = on hand − allocated − reserved; below zero means more is promised than is on the shelf.
 */
export interface Commitments {
  allocated: number;
  reserved: number;
}

const keyOf = (warehouseId: number, skuId: number) => `${warehouseId}:${skuId}`;

/**
 * Commitments of a set of (warehouse, SKU) pairs, in two grouped queries restricted to the pairs'
 * SKUs: a page of the levels list costs the same however many orders the database holds.
 */
export async function commitmentsOf(
  db: Db,
  pairs: { warehouseId: number; skuId: number }[],
): Promise<Map<string, Commitments>> {
  const out = new Map<string, Commitments>(
    pairs.map((p) => [keyOf(p.warehouseId, p.skuId), { allocated: 0, reserved: 0 }]),
  );
  if (pairs.length === 0) return out;
  const skuIds = [...new Set(pairs.map((p) => p.skuId))];
  const warehouseIds = [...new Set(pairs.map((p) => p.warehouseId))];
  const [allocated, reserved, held] = await Promise.all([
    db
      .select({
        warehouseId: orders.warehouseId,
        skuId: orderLines.skuId,
        quantity: sql<number>`sum(${orderLines.quantity} - ${orderLines.cancelledQty} - ${orderLines.shortPickedQty} - ${orderLines.shippedQty})::int`,
      })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(
        and(
          inArray(orderLines.skuId, skuIds),
          inArray(orders.warehouseId, warehouseIds),
          inArray(orders.status, [...allocatingStatuses]),
        ),
      )
      .groupBy(orders.warehouseId, orderLines.skuId),
    db
      .select({
        warehouseId: channels.warehouseId,
        skuId: backorderLines.skuId,
        quantity: sql<number>`sum(${backorderLines.quantity})::int`,
      })
      .from(backorderLines)
      .innerJoin(channels, eq(channels.id, backorderLines.channelId))
      .where(
        and(
          inArray(backorderLines.skuId, skuIds),
          inArray(channels.warehouseId, warehouseIds),
          eq(backorderLines.status, 'open'),
        ),
      )
      .groupBy(channels.warehouseId, backorderLines.skuId),
    db
      .select({
        warehouseId: orders.warehouseId,
        skuId: orderLines.skuId,
        quantity: sql<number>`sum(${orderLines.quantity} - ${orderLines.cancelledQty})::int`,
      })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(
        and(inArray(orderLines.skuId, skuIds), inArray(orders.warehouseId, warehouseIds), eq(orders.status, 'on_hold')),
      )
      .groupBy(orders.warehouseId, orderLines.skuId),
  ]);
  for (const row of allocated) {
    const entry = out.get(keyOf(row.warehouseId, row.skuId!));
    if (entry) entry.allocated = Number(row.quantity);
  }
  for (const row of [...reserved, ...held]) {
    const entry = out.get(keyOf(row.warehouseId, row.skuId!));
    if (entry) entry.reserved += Number(row.quantity);
  }
  return out;
}

/** The level with what is promised and what is left: the figures the console shows per warehouse and SKU. */
export function withAvailable<T extends { onHand: number }>(
  level: T,
  c: Commitments | undefined,
): T & Commitments & { available: number } {
  const allocated = c?.allocated ?? 0;
  const reserved = c?.reserved ?? 0;
  return { ...level, allocated, reserved, available: level.onHand - allocated - reserved };
}

export const commitmentKey = keyOf;
