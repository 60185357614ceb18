import { eq } from 'drizzle-orm';
import type { Database } from '../../db/connect.ts';
import { channels, orders, warehouses } from '../../db/schema.ts';
import type { ChannelDescriptor, ChannelPushes, PushContext } from '../channel-descriptor.ts';
import { AppError, notFound } from '../errors.ts';
import { notingLoginRefusal } from '../channel-login.ts';
import type { SecretBox } from '../secrets.ts';

/** What the fulfilment services need: the database, the key for channel secrets, the channel types. */
export interface FulfilmentDeps {
  database: Database;
  secrets: SecretBox;
  lookup: (type: string) => ChannelDescriptor | undefined;
}

export type OrderRow = typeof orders.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type WarehouseRow = typeof warehouses.$inferSelect;

export interface OrderContext {
  order: OrderRow;
  channel: ChannelRow;
  warehouse: WarehouseRow;
  descriptor: ChannelDescriptor;
}

export async function loadOrderContext(deps: FulfilmentDeps, orderId: number): Promise<OrderContext> {
  const [row] = await deps.database.db
    .select({ order: orders, channel: channels, warehouse: warehouses })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .innerJoin(warehouses, eq(warehouses.id, orders.warehouseId))
    .where(eq(orders.id, orderId));
  if (!row) throw notFound(`There is no order ${orderId}.`);
  const descriptor = deps.lookup(row.channel.type);
  if (!descriptor) throw new AppError('conflict', `Channel type ${row.channel.type} is not known to this Weft.`);
  return { ...row, descriptor };
}

/** "Order sync off" means no invoice, label or manifest for the channel (the seed's rule). */
export function requireOrderSync(channel: ChannelRow, descriptor: ChannelDescriptor): void {
  if (!descriptor.policy(channel.settings).orderSync) {
    throw new AppError(
      'conflict',
      `Order sync is off for channel ${channel.code}: Weft makes no invoice, label or manifest for it. Turn order sync on first.`,
    );
  }
}

export function pushOf<K extends keyof ChannelPushes>(
  ctx: Pick<OrderContext, 'descriptor'>,
  name: K,
): NonNullable<ChannelPushes[K]> {
  const push = ctx.descriptor.pushes?.[name];
  if (!push)
    throw new AppError('conflict', `${ctx.descriptor.displayName} channels do not support ${String(name)} from Weft.`);
  // A refused login during the push marks the channel (and so alerts), as a refused sync run does.
  return notingLoginRefusal(ctx.descriptor, push as never) as NonNullable<ChannelPushes[K]>;
}

/** The context a channel push gets, with the memo kept on its outbox entry. */
export function pushContext(
  deps: FulfilmentDeps,
  channel: ChannelRow,
  warehouseCode: string,
  memo: Record<string, unknown>,
  remember: (memo: Record<string, unknown>) => Promise<void>,
): PushContext {
  if (!channel.credentials)
    throw new AppError(
      'conflict',
      `Channel ${channel.code} has no interface credentials: configure the interface first.`,
    );
  return {
    database: deps.database,
    settings: channel.settings,
    credentials: deps.secrets.openJson(channel.credentials),
    channel: {
      id: channel.id,
      code: channel.code,
      name: channel.name,
      warehouseId: channel.warehouseId,
      warehouseCode,
    },
    memo,
    remember,
  };
}
