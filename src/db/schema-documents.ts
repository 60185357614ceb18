import { bigint, bigserial, customType, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { orders } from './schema-channel.ts';

/** Tables of migration 0006 (stored documents). */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** bytea: node-postgres hands back a Buffer, PGlite a Uint8Array; both become a Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) =>
    Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/** Who made the document: Weft, or the channel's marketplace (migration 0017). */
export type DocumentSource = 'weft' | 'marketplace';

export const documents = pgTable('documents', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  source: text('source').$type<DocumentSource>().notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  contentType: text('content_type').notNull().default('application/pdf'),
  orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
  reference: text('reference').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  voidedAt: stamp('voided_at'),
  voidReason: text('void_reason'),
});

/** Migration 0019: the one network printer for raw (port 9100) printing; a single row, id 1. */
export const printers = pgTable('printers', {
  id: smallint('id').primaryKey().default(1),
  host: text('host').notNull(),
  port: integer('port').notNull().default(9100),
  format: text('format').$type<'pdf'>().notNull().default('pdf'),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});
