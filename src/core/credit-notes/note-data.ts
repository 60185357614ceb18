import { eq } from 'drizzle-orm';
import { type CreditNoteLine, type creditNotes, invoices, returnOrders } from '../../db/schema.ts';
import { type InvoiceData, invoiceFigures } from '../documents/render/invoice.ts';
import { type FulfilmentDeps, loadOrderContext, type OrderContext } from '../fulfilment/deps.ts';
import { invoiceData, istDate, type PackedLine } from '../fulfilment/invoice-data.ts';

/**
 * A credit note says what the invoice said about the returned units: the same parties, place of supply,
 * prices, rates (those of the invoice's date) and rounding, for the returned quantities only — so the tax
 * it reverses is, line by line, the tax those units carried (to the paisa when a whole line comes back).
 */

export interface CreditNoteHeader {
  noteNumber: string;
  noteDate: Date;
  returnReference: string;
  invoiceNumber: string;
  invoiceDate: Date;
}

export function creditNoteData(ctx: OrderContext, header: CreditNoteHeader, lines: CreditNoteLine[]): InvoiceData {
  const asPacked: PackedLine[] = lines.map((l, i) => ({
    lineId: i,
    externalLineId: l.sku,
    sku: l.sku,
    name: l.description,
    ean: null,
    hsn: l.hsn,
    quantity: l.quantity,
    ordered: l.quantity,
    unitPricePaise: l.unitPricePaise,
    gstRate: l.ratePercent,
    tax: null,
  }));
  // Rates are looked up on the invoice's date: the note reverses the tax as it was charged.
  const base = invoiceData(ctx, asPacked, header.noteNumber, header.invoiceDate, 0);
  return {
    ...base,
    date: istDate(header.noteDate),
    lines: base.lines.map((line, i) => ({ ...line, ratePercent: lines[i].ratePercent })),
    creditNote: {
      invoiceNumber: header.invoiceNumber,
      invoiceDate: istDate(header.invoiceDate),
      returnReference: header.returnReference,
    },
  };
}

/** Taxable value, tax and total of a credit note, as printed and as sent to the IRP. */
export function creditNoteTotals(data: InvoiceData): { taxablePaise: number; taxPaise: number; totalPaise: number } {
  const { totals } = invoiceFigures(data);
  return {
    taxablePaise: totals.taxablePaise,
    taxPaise: totals.totalTaxPaise,
    totalPaise: totals.invoiceTotalPaise,
  };
}

/** A stored credit note as printed: its order's context, the invoice it credits and the return's number. */
export async function storedCreditNoteData(
  deps: FulfilmentDeps,
  note: typeof creditNotes.$inferSelect,
): Promise<{ ctx: OrderContext; invoice: typeof invoices.$inferSelect; data: InvoiceData }> {
  const db = deps.database.db;
  const ctx = await loadOrderContext(deps, note.orderId);
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, note.invoiceId));
  const [ret] = await db
    .select({ externalId: returnOrders.externalId })
    .from(returnOrders)
    .where(eq(returnOrders.id, note.returnId));
  const data = creditNoteData(
    ctx,
    {
      noteNumber: note.noteNumber,
      noteDate: note.noteDate,
      returnReference: ret.externalId,
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
    },
    note.lines,
  );
  return { ctx, invoice, data };
}
