import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { orderEvents, orders, type OrderStatus } from '../../db/schema.ts';

/** Moves an order to a warehouse status and writes the step on its timeline, in the caller's transaction. */
export async function setOrderStatus(tx: Db, orderId: number, status: OrderStatus, note: string, actor: string): Promise<void> {
  await tx.update(orders).set({ status, updatedAt: new Date() }).where(eq(orders.id, orderId));
  await tx.insert(orderEvents).values({ orderId, status, note, actor });
}
