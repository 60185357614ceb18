import { bigint, bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { channels } from './schema-base.ts';
import { orders, returnOrders } from './schema-channel.ts';
import { documents } from './schema-documents.ts';
import { invoices } from './schema-fulfilment.ts';

/** Tables of migration 0029 (credit notes and the document series that numbers them). */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id64 = (name: string) => bigint(name, { mode: 'number' });

/** The last number given in a series, e.g. `CN:27AAAAA0000A1Z5:2026`. */
export const documentSeries = pgTable('document_series', {
  series: text('series').primaryKey(),
  lastValue: id64('last_value').notNull(),
});

/** One credited line: the returned units of one SKU at the invoice's price and rate. */
export interface CreditNoteLine {
  sku: string;
  description: string;
  hsn: string;
  quantity: number;
  unitPricePaise: number;
  ratePercent: number;
}

export type CreditNoteEinvoiceStatus = 'not_required' | 'pending' | 'generated' | 'failed';

export const creditNotes = pgTable('credit_notes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  returnId: id64('return_id')
    .notNull()
    .references(() => returnOrders.id),
  invoiceId: id64('invoice_id')
    .notNull()
    .references(() => invoices.id),
  orderId: id64('order_id')
    .notNull()
    .references(() => orders.id),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  noteNumber: text('note_number').notNull().unique(),
  noteDate: stamp('note_date').notNull(),
  lines: jsonb('lines').$type<CreditNoteLine[]>().notNull(),
  taxablePaise: id64('taxable_paise').notNull(),
  taxPaise: id64('tax_paise').notNull(),
  totalPaise: id64('total_paise').notNull(),
  irn: text('irn'),
  ackNo: text('ack_no'),
  ackDate: stamp('ack_date'),
  signedQr: text('signed_qr'),
  einvoiceStatus: text('einvoice_status').$type<CreditNoteEinvoiceStatus>().notNull().default('not_required'),
  einvoiceError: text('einvoice_error'),
  documentId: id64('document_id').references(() => documents.id),
  createdBy: text('created_by').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
});
