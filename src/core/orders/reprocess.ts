import { eq } from 'drizzle-orm';
import type { Database } from '../../db/connect.ts';
import { channels, orders } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import { conflict, notFound } from '../errors.ts';
import { ingestOrders } from './create-order.ts';
import { getOrder, type OrderDetail } from './queries.ts';

/**
 * An order on hold (an unmapped SKU, a payload Weft could not read) is built again from the
 * marketplace payload it kept, once the cause is fixed — a listing linked, a parser corrected. The
 * same path as a pull: released, it allocates stock and converts its pendency in one transaction.
 */
export async function reprocessOrder(
  database: Database,
  lookup: (type: string) => ChannelDescriptor | undefined,
  orderId: number,
  actor: string,
): Promise<OrderDetail> {
  const db = database.db;
  const [row] = await db
    .select({ order: orders, channelType: channels.type })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(eq(orders.id, orderId));
  if (!row) throw notFound(`There is no order ${orderId}.`);
  const { order } = row;
  if (order.status !== 'on_hold')
    throw conflict(`PO ${order.poNumber} is not on hold (it is ${order.status}): there is nothing to reprocess.`);
  const parser = lookup(row.channelType)?.parseOrder;
  if (!parser) throw conflict(`Orders of ${row.channelType} channels cannot be reprocessed.`);
  const parsed = parser(order.raw);
  const poNumber = 'order' in parsed ? parsed.order.poNumber : parsed.unreadable.poNumber;
  if (poNumber !== order.poNumber) {
    const reason = 'unreadable' in parsed ? parsed.unreadable.reason : `the kept payload is of PO ${poNumber}`;
    throw conflict(`PO ${order.poNumber} stays on hold: ${reason}`);
  }
  const [result] = await ingestOrders(
    database,
    { id: order.channelId, warehouseId: order.warehouseId },
    [parsed],
    actor,
  );
  if (result.outcome === 'failed') throw conflict(result.message ?? `PO ${order.poNumber} stays on hold.`);
  await audit(db, {
    actor,
    action: 'reprocess',
    entity: 'order',
    entityId: String(order.id),
    before: { status: 'on_hold', holdReason: order.holdReason },
  });
  return getOrder(db, order.id);
}
