import { bigint, bigserial, boolean, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { channels, skus, syncRuns, warehouses } from './schema-base.ts';

/** Tables of migration 0002 (the channel connector). */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const paise = (name: string) => bigint(name, { mode: 'number' });

export const channelListings = pgTable('channel_listings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  channelSku: text('channel_sku').notNull(),
  channelProductId: text('channel_product_id').notNull(),
  sellerSku: text('seller_sku'),
  ean: text('ean'),
  title: text('title').notNull().default(''),
  brand: text('brand').notNull().default(''),
  size: text('size').notNull().default(''),
  colour: text('colour').notNull().default(''),
  hsn: text('hsn').notNull().default(''),
  mrpPaise: paise('mrp_paise'),
  listingPricePaise: paise('listing_price_paise'),
  live: boolean('live').notNull().default(true),
  active: boolean('active').notNull().default(true),
  skuId: integer('sku_id').references(() => skus.id),
  mappedBy: text('mapped_by'),
  mappedAt: stamp('mapped_at'),
  buffer: integer('buffer').notNull().default(0),
  marketplaceInventory: integer('marketplace_inventory'),
  /** When a reconciliation last found the listing in the marketplace's catalogue (migration 0012). */
  reconciledAt: stamp('reconciled_at'),
  lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export type BackorderStatus = 'open' | 'released' | 'converted' | 'exception';

export const backorderLines = pgTable('backorder_lines', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  orderId: text('order_id').notNull(),
  orderItemId: text('order_item_id').notNull(),
  channelSku: text('channel_sku').notNull(),
  skuId: integer('sku_id').references(() => skus.id),
  quantity: integer('quantity').notNull(),
  orderedAt: stamp('ordered_at'),
  status: text('status').$type<BackorderStatus>().notNull().default('open'),
  exception: text('exception'),
  lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export type OrderStatus =
  | 'on_hold'
  | 'open'
  | 'picking'
  | 'packed'
  | 'ready_to_ship'
  | 'shipped'
  | 'delivered'
  | 'cancelled';

export const orders = pgTable('orders', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  warehouseId: integer('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  externalId: text('external_id').notNull(),
  poNumber: text('po_number').notNull(),
  poDate: stamp('po_date'),
  status: text('status').$type<OrderStatus>().notNull(),
  marketplaceStatus: text('marketplace_status'),
  /** When the order pull last saw the marketplace's status change (migration 0014). */
  marketplaceStatusAt: stamp('marketplace_status_at'),
  holdReason: text('hold_reason'),
  billTo: jsonb('bill_to').$type<Record<string, unknown>>(),
  shipTo: jsonb('ship_to').$type<Record<string, unknown>>(),
  poAmountPaise: paise('po_amount_paise'),
  totalTaxPaise: paise('total_tax_paise'),
  raw: jsonb('raw'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const orderLines = pgTable('order_lines', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: bigint('order_id', { mode: 'number' })
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  externalLineId: text('external_line_id').notNull(),
  channelSku: text('channel_sku').notNull(),
  skuId: integer('sku_id').references(() => skus.id),
  quantity: integer('quantity').notNull(),
  cancelledQty: integer('cancelled_qty').notNull().default(0),
  /** Of cancelledQty, the units the seller cancelled through Weft (migration 0024). */
  sellerCancelledQty: integer('seller_cancelled_qty').notNull().default(0),
  shortPickedQty: integer('short_picked_qty').notNull().default(0),
  packedQty: integer('packed_qty').notNull().default(0),
  shippedQty: integer('shipped_qty').notNull().default(0),
  mrpPaise: paise('mrp_paise'),
  unitPricePaise: paise('unit_price_paise'),
  hsn: text('hsn'),
  gstRate: numeric('gst_rate', { precision: 5, scale: 2 }),
  tax: jsonb('tax').$type<Record<string, unknown>>(),
  pendencyItemIds: text('pendency_item_ids').array().notNull().default([]),
});

export const orderEvents = pgTable('order_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: bigint('order_id', { mode: 'number' })
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  status: text('status').notNull(),
  note: text('note'),
  actor: text('actor').notNull(),
  at: stamp('at').notNull().defaultNow(),
});

/** 'withheld': the channel's mode kept the figure back (would-send log); due again when it changes or a full push is asked for. */
export type PushStatus = 'in_process' | 'submitted' | 'success' | 'error' | 'withheld';

export const listingInventory = pgTable('listing_inventory', {
  listingId: bigint('listing_id', { mode: 'number' })
    .primaryKey()
    .references(() => channelListings.id, { onDelete: 'cascade' }),
  quantity: integer('quantity').notNull(),
  breakdown: jsonb('breakdown').$type<Record<string, number>>().notNull(),
  status: text('status').$type<PushStatus>().notNull(),
  message: text('message'),
  runId: bigint('run_id', { mode: 'number' }).references(() => syncRuns.id),
  pushedAt: stamp('pushed_at').notNull().defaultNow(),
});

export const reconciliationReports = pgTable('reconciliation_reports', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  runId: bigint('run_id', { mode: 'number' }).references(() => syncRuns.id),
  compared: integer('compared').notNull().default(0),
  drifted: integer('drifted').notNull().default(0),
  corrected: integer('corrected').notNull().default(0),
  /** Mapped listings the marketplace no longer lists; null when not checked (migration 0012). */
  missing: integer('missing'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

export const reconciliationDrifts = pgTable('reconciliation_drifts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: bigint('report_id', { mode: 'number' })
    .notNull()
    .references(() => reconciliationReports.id, { onDelete: 'cascade' }),
  listingId: bigint('listing_id', { mode: 'number' })
    .notNull()
    .references(() => channelListings.id),
  channelSku: text('channel_sku').notNull(),
  marketplaceQty: integer('marketplace_qty'),
  weftQty: integer('weft_qty').notNull(),
  corrected: boolean('corrected').notNull().default(false),
  message: text('message'),
  /** 'drift': both figures, corrected by a push; 'missing': the marketplace no longer lists it (migration 0012). */
  kind: text('kind').$type<'drift' | 'missing'>().notNull().default('drift'),
});

export type ReturnStatus = 'confirmed' | 'receiving' | 'closed';

export const returnOrders = pgTable('return_orders', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  externalId: text('external_id').notNull(),
  poNumber: text('po_number'),
  orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
  status: text('status').$type<ReturnStatus>().notNull().default('confirmed'),
  reason: text('reason'),
  awb: text('awb'),
  marketplaceCreatedAt: stamp('marketplace_created_at'),
  raw: jsonb('raw'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const returnLines = pgTable('return_lines', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  returnId: bigint('return_id', { mode: 'number' })
    .notNull()
    .references(() => returnOrders.id, { onDelete: 'cascade' }),
  externalLineId: text('external_line_id').notNull(),
  channelSku: text('channel_sku').notNull(),
  skuId: integer('sku_id').references(() => skus.id),
  quantity: integer('quantity').notNull(),
  receivedGood: integer('received_good').notNull().default(0),
  receivedBad: integer('received_bad').notNull().default(0),
});
