import { eq } from 'drizzle-orm';
import { orderEvents, orderLines } from '../../db/schema.ts';
import { ChannelPushError } from '../channel-descriptor.ts';
import { AppError } from '../errors.ts';
import { noteLoginRefused } from '../channel-login.ts';
import { applyLineChanges } from '../orders/create-order.ts';
import type { FulfilmentDeps, OrderContext } from './deps.ts';

/**
 * Reads a PO back from the marketplace just before it is invoiced and brings its lines up to date:
 * cancelled and short-picked quantities and the marketplace's tax for the units left. The tax check
 * then compares like with like — after a partial seller cancellation the marketplace taxes the units
 * left, not the PO as first pulled. Only lines change here; the order's status is left to the pull.
 */
export async function readBackLines(deps: FulfilmentDeps, ctx: OrderContext, actor: string): Promise<void> {
  const read = ctx.descriptor.readOrders;
  if (!read) return;
  const { order, channel } = ctx;
  if (!channel.credentials)
    throw new AppError(
      'conflict',
      `Channel ${channel.code} has no interface credentials: configure the interface first.`,
    );
  let parsed: Awaited<ReturnType<typeof read>>;
  try {
    parsed = await read(
      {
        database: deps.database,
        channel: {
          id: channel.id,
          code: channel.code,
          name: channel.name,
          warehouseId: channel.warehouseId,
          warehouseCode: ctx.warehouse.code,
        },
        settings: channel.settings,
        credentials: deps.secrets.openJson(channel.credentials),
      },
      [order.externalId],
    );
  } catch (error) {
    // A refused login here (the first marketplace call of an invoice) marks the channel, as a push's does.
    const refused = ctx.descriptor.loginRefused?.(error);
    if (refused) await noteLoginRefused(deps.database.db, channel.id, refused);
    if (!(error instanceof ChannelPushError)) throw error;
    throw new AppError(
      error.kind === 'fatal' ? 'conflict' : 'unavailable',
      `PO ${order.poNumber} could not be read back from ${ctx.descriptor.displayName} before invoicing (${error.message}); nothing was invoiced: try again.`,
    );
  }
  const found = parsed.find((p) => ('order' in p ? p.order.poNumber : p.unreadable.poNumber) === order.poNumber);
  if (!found) {
    throw new AppError(
      'conflict',
      `${ctx.descriptor.displayName} no longer returns PO ${order.poNumber}, so it cannot be invoiced: ask the account manager what happened to it.`,
    );
  }
  if ('unreadable' in found) throw new AppError('conflict', found.unreadable.reason);
  const db = deps.database.db;
  await db.transaction(async (tx) => {
    const own = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).for('update');
    const notes = await applyLineChanges(tx, own, found.order.lines);
    if (notes.length) {
      await tx.insert(orderEvents).values({
        orderId: order.id,
        status: order.status,
        actor,
        note: `Read back from ${ctx.descriptor.displayName} before invoicing: ${notes.join('; ')}.`,
      });
    }
  });
}
