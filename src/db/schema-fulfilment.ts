import { bigint, bigserial, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { channels, warehouses } from './schema-base.ts';
import { orderLines, orders } from './schema-channel.ts';

/** Tables of migration 0007 (fulfilment). */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id64 = (name: string) => bigint(name, { mode: 'number' });

export type PicklistStatus = 'pending' | 'picking' | 'picked' | 'closed';

export const picklists = pgTable('picklists', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull().unique(),
  warehouseId: integer('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  channelId: integer('channel_id').references(() => channels.id),
  status: text('status').$type<PicklistStatus>().notNull().default('pending'),
  prefetchedAt: stamp('prefetched_at'),
  createdBy: text('created_by').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const picklistOrders = pgTable(
  'picklist_orders',
  {
    picklistId: id64('picklist_id')
      .notNull()
      .references(() => picklists.id, { onDelete: 'cascade' }),
    orderId: id64('order_id')
      .notNull()
      .references(() => orders.id),
  },
  (t) => [primaryKey({ columns: [t.picklistId, t.orderId] })],
);

export const boxes = pgTable('boxes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: id64('order_id')
    .notNull()
    .references(() => orders.id),
  boxCode: text('box_code').notNull(),
  boxNo: integer('box_no').notNull(),
  status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
  weightGrams: integer('weight_grams'),
  awb: text('awb'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  closedAt: stamp('closed_at'),
});

export const boxItems = pgTable(
  'box_items',
  {
    boxId: id64('box_id')
      .notNull()
      .references(() => boxes.id, { onDelete: 'cascade' }),
    orderLineId: id64('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.boxId, t.orderLineId] })],
);

export type EinvoiceStatus = 'not_required' | 'pending' | 'generated' | 'sent' | 'failed';

export const invoices = pgTable('invoices', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: id64('order_id')
    .notNull()
    .references(() => orders.id),
  invoiceNumber: text('invoice_number').notNull(),
  invoiceDate: stamp('invoice_date').notNull(),
  taxablePaise: id64('taxable_paise').notNull(),
  taxPaise: id64('tax_paise').notNull(),
  totalPaise: id64('total_paise').notNull(),
  irn: text('irn'),
  ackNo: text('ack_no'),
  ackDate: stamp('ack_date'),
  signedQr: text('signed_qr'),
  einvoiceStatus: text('einvoice_status').$type<EinvoiceStatus>().notNull().default('not_required'),
  einvoiceError: text('einvoice_error'),
  prefetched: boolean('prefetched').notNull().default(false),
  status: text('status').$type<'active' | 'void'>().notNull().default('active'),
  voidReason: text('void_reason'),
  marketplaceResponse: jsonb('marketplace_response').$type<Record<string, unknown>>(),
  /** For a superseded invoice with an IRN: cancelled at the IRP, or flagged (past the 24-hour window, or refused). */
  irnCancelStatus: text('irn_cancel_status').$type<IrnCancelStatus>(),
  irnCancelledAt: stamp('irn_cancelled_at'),
  irnCancelError: text('irn_cancel_error'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  /** Migration 0023: the marketplace's own invoice PDF, where it said it is and whether it is stored. */
  marketplacePdfUrl: text('marketplace_pdf_url'),
  marketplacePdfStatus: text('marketplace_pdf_status').$type<MarketplacePdfStatus>().notNull().default('none'),
  marketplacePdfError: text('marketplace_pdf_error'),
  marketplacePdfAttempts: integer('marketplace_pdf_attempts').notNull().default(0),
  marketplacePdfCheckedAt: stamp('marketplace_pdf_checked_at'),
});

export type IrnCancelStatus = 'cancelled' | 'past_window' | 'failed';
/** none: no address given; pending: not fetched yet; failed: the last fetch failed; stored: kept. */
export type MarketplacePdfStatus = 'none' | 'pending' | 'failed' | 'stored';

export const shipments = pgTable('shipments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: id64('order_id')
    .notNull()
    .references(() => orders.id),
  masterAwb: text('master_awb').notNull(),
  labelSource: text('label_source').$type<'marketplace' | 'weft'>().notNull(),
  status: text('status').$type<'active' | 'void'>().notNull().default('active'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

export type ManifestStatus = 'draft' | 'dispatched' | 'partial' | 'failed';

export const manifests = pgTable('manifests', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull().unique(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  warehouseId: integer('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  status: text('status').$type<ManifestStatus>().notNull().default('draft'),
  marketplaceManifestId: text('marketplace_manifest_id'),
  createdBy: text('created_by').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  dispatchedAt: stamp('dispatched_at'),
});

export const manifestOrders = pgTable(
  'manifest_orders',
  {
    manifestId: id64('manifest_id')
      .notNull()
      .references(() => manifests.id, { onDelete: 'cascade' }),
    orderId: id64('order_id')
      .notNull()
      .references(() => orders.id),
    status: text('status').$type<'pending' | 'dispatched' | 'refused'>().notNull().default('pending'),
    message: text('message'),
  },
  (t) => [primaryKey({ columns: [t.manifestId, t.orderId] })],
);

/** Tables of migration 0014 (the order lifecycle): a prefetched PO's plan, and pack discrepancies. */
export const plannedBoxes = pgTable(
  'planned_boxes',
  {
    orderId: id64('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    boxCode: text('box_code').notNull(),
    boxNo: integer('box_no').notNull(),
    weightGrams: integer('weight_grams').notNull(),
    awb: text('awb'),
    lines: jsonb('lines').$type<{ externalLineId: string; quantity: number }[]>().notNull(),
    invoiceNumber: text('invoice_number').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.boxCode] })],
);

export type DiscrepancyKind = 'weight';

export const orderDiscrepancies = pgTable('order_discrepancies', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orderId: id64('order_id')
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<DiscrepancyKind>().notNull(),
  boxCode: text('box_code').notNull(),
  marketplaceValue: integer('marketplace_value').notNull(),
  packedValue: integer('packed_value').notNull(),
  message: text('message').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
});
