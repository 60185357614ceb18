import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { fulfillableIn, notFulfillableBecause } from '../channel-mode/fulfillable.ts';
import { readMode, type ChannelModeState } from '../channel-mode/gate.ts';
import { z } from 'zod';
import { calendarDate, text } from '../schema-types.ts';
import type { Db } from '../../db/connect.ts';
import {
  channels,
  orderLines,
  orders,
  picklistOrders,
  picklists,
  skus,
  warehouses,
  type PicklistStatus,
} from '../../db/schema.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { PicklistLine } from '../documents/render/picklist.ts';
import { moveOrder } from '../orders/lifecycle.ts';
import { sortForWalking } from './walking-order.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Picklists gather the open orders of a warehouse into one walk through the racks. An order is on
 * one picklist at most; the picklist's lines are the orders' remaining units summed per SKU.
 */
export const newPicklistSchema = z
  .object({
    warehouse: text({ max: 200 }).min(1, 'Choose the warehouse to pick in.'),
    channel: text({ max: 200 }).optional(),
    poDateFrom: calendarDate().optional(),
    poDateTo: calendarDate().optional(),
  })
  .refine((d) => !d.poDateFrom || !d.poDateTo || d.poDateFrom <= d.poDateTo, {
    path: ['poDateTo'],
    message: 'The "to" date is before the "from" date: give a "to" date on or after it.',
  });
export type NewPicklist = z.infer<typeof newPicklistSchema>;

/** The shape the picklist PDF prints, with the POs that need each SKU (for the picker and the console). */
export interface PicklistViewLine extends PicklistLine {
  poNumbers: string[];
}

export interface PicklistView {
  code: string;
  warehouse: string;
  channel: string | null;
  status: PicklistStatus;
  prefetchedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  /** Whether "Prefetch deliveries" applies: a channel of its orders has prepack on. */
  prepack: boolean;
  orders: { id: number; poNumber: string; status: string }[];
  lines: PicklistViewLine[];
}

const istDayStart = (date: string) => new Date(`${date}T00:00:00+05:30`);
const remaining = sql<number>`(${orderLines.quantity} - ${orderLines.cancelledQty} - ${orderLines.packedQty})`;

export async function createPicklist(
  db: Db,
  input: NewPicklist,
  actor: string,
  lookup: ChannelLookup,
): Promise<PicklistView> {
  const data = newPicklistSchema.parse(input);
  return db.transaction(async (tx) => {
    const [warehouse] = await tx
      .select()
      .from(warehouses)
      .where(eq(warehouses.code, data.warehouse.trim().toUpperCase()));
    if (!warehouse)
      throw invalid(`There is no warehouse ${data.warehouse}: choose one of the warehouses Weft knows.`, 'warehouse');
    const filters: SQL[] = [
      eq(orders.warehouseId, warehouse.id),
      eq(orders.status, 'open'),
      isNull(picklistOrders.orderId),
    ];
    let channelId: number | null = null;
    if (data.channel) {
      const [channel] = await tx.select().from(channels).where(eq(channels.code, data.channel.toUpperCase()));
      if (!channel)
        throw invalid(
          `There is no channel ${data.channel}: choose one of the channels Weft knows, or all channels.`,
          'channel',
        );
      channelId = channel.id;
      filters.push(eq(orders.channelId, channel.id));
    }
    if (data.poDateFrom) filters.push(gte(orders.poDate, istDayStart(data.poDateFrom)));
    if (data.poDateTo) filters.push(lt(orders.poDate, new Date(istDayStart(data.poDateTo).getTime() + 86_400_000)));
    const candidates = await tx
      .select({ id: orders.id, poNumber: orders.poNumber, channelId: orders.channelId })
      .from(orders)
      .leftJoin(picklistOrders, eq(picklistOrders.orderId, orders.id))
      .where(and(...filters))
      .orderBy(asc(orders.poDate), asc(orders.id))
      .for('update', { of: orders, skipLocked: true });
    const { open, refused } = await fulfillableOnly(tx, candidates);
    if (open.length === 0 && refused) throw new AppError('conflict', refused);
    if (open.length === 0) {
      throw new AppError(
        'conflict',
        `There are no open orders to pick at ${warehouse.code}${data.channel ? ` for ${data.channel}` : ''}${data.poDateFrom || data.poDateTo ? ' in those dates' : ''}.`,
      );
    }
    const [{ id }] = await queryRows<{ id: number }>(
      tx,
      sql`select nextval(pg_get_serial_sequence('picklists', 'id'))::int as id`,
    );
    const code = `PL${String(id).padStart(6, '0')}`;
    await tx.insert(picklists).values({ id, code, warehouseId: warehouse.id, channelId, createdBy: actor });
    await tx.insert(picklistOrders).values(open.map((o) => ({ picklistId: id, orderId: o.id })));
    for (const o of open) await moveOrder(tx, o.id, 'picking', 'warehouse', `On picklist ${code}.`, actor);
    return getPicklist(tx, code, lookup);
  });
}

/**
 * The orders Weft fulfils: a channel in shadow, or a PO outside a canary allowlist, is left to the
 * system the channel is moving from. When that leaves nothing, the first such refusal says why.
 */
async function fulfillableOnly<T extends { poNumber: string; channelId: number }>(
  tx: Db,
  candidates: T[],
): Promise<{ open: T[]; refused: string | null }> {
  const states = new Map<number, ChannelModeState>();
  const open: T[] = [];
  let refused: string | null = null;
  for (const c of candidates) {
    let state = states.get(c.channelId);
    if (!state) {
      state = await readMode(tx, c.channelId);
      states.set(c.channelId, state);
    }
    if (fulfillableIn(state, c.poNumber)) open.push(c);
    else refused ??= notFulfillableBecause(state, c.poNumber, 'picked');
  }
  return { open, refused };
}

export async function getPicklist(db: Db, code: string, lookup: ChannelLookup): Promise<PicklistView> {
  const [row] = await db
    .select({ picklist: picklists, warehouse: warehouses.code, channel: channels.code })
    .from(picklists)
    .innerJoin(warehouses, eq(warehouses.id, picklists.warehouseId))
    .leftJoin(channels, eq(channels.id, picklists.channelId))
    .where(eq(picklists.code, code.toUpperCase()));
  if (!row) throw notFound(`There is no picklist ${code}.`);
  const members = await db
    .select({ id: orders.id, poNumber: orders.poNumber, status: orders.status })
    .from(picklistOrders)
    .innerJoin(orders, eq(orders.id, picklistOrders.orderId))
    .where(eq(picklistOrders.picklistId, row.picklist.id))
    // Oldest PO first: the one nearest its dispatch-by leads the list.
    .orderBy(sql`${orders.poDate} asc nulls last`, asc(orders.id));
  const lines =
    members.length === 0
      ? []
      : await db
          .select({
            skuCode: skus.code,
            ean: skus.ean,
            description: skus.name,
            style: skus.style,
            colour: skus.colour,
            size: skus.size,
            quantity: sql<number>`sum(${remaining})::int`,
            poCount: sql<number>`count(distinct ${orderLines.orderId})::int`,
            poNumbers: sql<string[]>`array_agg(distinct ${orders.poNumber} order by ${orders.poNumber})`,
          })
          .from(orderLines)
          .innerJoin(skus, eq(skus.id, orderLines.skuId))
          .innerJoin(orders, eq(orders.id, orderLines.orderId))
          .where(
            and(
              inArray(
                orderLines.orderId,
                members.map((m) => m.id),
              ),
              sql`${remaining} > 0`,
            ),
          )
          .groupBy(skus.id);
  return {
    code: row.picklist.code,
    warehouse: row.warehouse,
    channel: row.channel,
    status: row.picklist.status,
    prefetchedAt: row.picklist.prefetchedAt,
    createdBy: row.picklist.createdBy,
    createdAt: row.picklist.createdAt,
    prepack: await hasPrepack(db, row.picklist.id, await prepackChannels(db, lookup)),
    orders: members,
    lines: sortForWalking(lines),
  };
}

type ChannelLookup = (type: string) => ChannelDescriptor | undefined;

/**
 * The ids of the channels whose policy has prepack on, asked of each channel's descriptor in TS (the
 * core never reads a marketplace's settings fields, in SQL or otherwise); a channel of an unknown
 * type has it off. Channels are few, so reading them all is cheap.
 */
async function prepackChannels(db: Db, lookup: ChannelLookup): Promise<number[]> {
  const rows = await db.select({ id: channels.id, type: channels.type, settings: channels.settings }).from(channels);
  return rows.filter((c) => lookup(c.type)?.policy(c.settings).prepack === true).map((c) => c.id);
}

/** Whether a picklist holds an order of one of these (prepack) channels, in SQL for one picklist or many. */
const prepackOf = (
  picklistId: SQL | number,
  channelIds: number[],
) => sql<boolean>`exists (select 1 from picklist_orders po
  join orders o on o.id = po.order_id
  where po.picklist_id = ${picklistId} and o.channel_id = any(${`{${channelIds.join(',')}}`}::bigint[]))`;

async function hasPrepack(db: Db, picklistId: number, channelIds: number[]): Promise<boolean> {
  const [row] = await db
    .select({ prepack: prepackOf(picklistId, channelIds) })
    .from(picklists)
    .where(eq(picklists.id, picklistId));
  return row?.prepack === true;
}

export interface PicklistSummary {
  code: string;
  warehouse: string;
  channel: string | null;
  status: PicklistStatus;
  orders: number;
  createdAt: Date;
  prefetchedAt: Date | null;
  prepack: boolean;
}

/**
 * "Picklist enquiry": newest first, filtered by warehouse and status, a page at a time: `before` is the
 * last code of the page already seen, so a deep page costs what the first does.
 */
export async function listPicklists(
  db: Db,
  query: { warehouse?: string; status?: PicklistStatus; before?: string; limit?: number },
  lookup: ChannelLookup,
): Promise<PicklistSummary[]> {
  const prepack = await prepackChannels(db, lookup);
  return db
    .select({
      code: picklists.code,
      warehouse: warehouses.code,
      channel: channels.code,
      status: picklists.status,
      orders: sql<number>`(select count(*)::int from picklist_orders po where po.picklist_id = ${picklists.id})`,
      createdAt: picklists.createdAt,
      prefetchedAt: picklists.prefetchedAt,
      prepack: prepackOf(sql`${picklists.id}`, prepack),
    })
    .from(picklists)
    .innerJoin(warehouses, eq(warehouses.id, picklists.warehouseId))
    .leftJoin(channels, eq(channels.id, picklists.channelId))
    .where(
      and(
        query.warehouse ? eq(warehouses.code, query.warehouse.toUpperCase()) : undefined,
        query.status ? eq(picklists.status, query.status) : undefined,
        query.before
          ? sql`${picklists.id} < (select id from picklists where code = ${query.before.trim().toUpperCase()})`
          : undefined,
      ),
    )
    .orderBy(desc(picklists.id))
    .limit(Math.min(query.limit ?? 100, 500));
}

const nextStatus: Record<PicklistStatus, PicklistStatus | null> = {
  pending: 'picking',
  picking: 'picked',
  picked: 'closed',
  closed: null,
};

/** Pending → picking → picked → closed, one step at a time. */
export async function advancePicklist(
  db: Db,
  code: string,
  to: PicklistStatus,
  lookup: ChannelLookup,
): Promise<PicklistView> {
  const current = await getPicklist(db, code, lookup);
  if (nextStatus[current.status] !== to) {
    throw invalid(
      `Picklist ${current.code} is ${current.status}; it can move to ${nextStatus[current.status] ?? 'nothing (it is closed)'}, not ${to}.`,
      'status',
    );
  }
  await db.update(picklists).set({ status: to, updatedAt: new Date() }).where(eq(picklists.code, current.code));
  return getPicklist(db, code, lookup);
}

/** Closes the picklists whose orders are all packed or beyond (called when a pack finishes). */
export async function closeFinishedPicklists(tx: Db, orderId: number): Promise<void> {
  await tx.execute(sql`
    update picklists p set status = 'closed', updated_at = now()
    where p.id = (select picklist_id from picklist_orders where order_id = ${orderId})
      and p.status <> 'closed'
      and not exists (select 1 from picklist_orders po join orders o on o.id = po.order_id
                      where po.picklist_id = p.id and o.status in ('open', 'picking'))`);
}
