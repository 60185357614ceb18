import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { queryRows } from '../../db/rows.ts';
import { type CreditNoteLine, creditNotes, invoices, orderEvents } from '../../db/schema.ts';
import { financialYearStart, formatInvoiceNumber, gstRateFor } from '../../tax/index.ts';
import type { OrderContext } from '../fulfilment/deps.ts';
import { istDate } from '../fulfilment/invoice-data.ts';
import { creditNoteData, creditNoteTotals } from './note-data.ts';

/**
 * Plans the credit note of a return as it closes, inside the closing transaction: the units received
 * back (good or damaged — either way the goods are the seller's again) of each SKU, capped at what the
 * invoice billed less what earlier notes on that invoice credited, at the invoice's prices and rates.
 * Nothing to credit (no invoice, nothing received) plans nothing. One note per return and invoice.
 */
export interface PlannedNote {
  id: number;
  noteNumber: string;
}

export async function planCreditNote(
  tx: Db,
  ctx: OrderContext,
  returnId: number,
  returnReference: string,
  actor: string,
): Promise<PlannedNote | null> {
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.orderId, ctx.order.id), eq(invoices.status, 'active')));
  if (!invoice) return null;
  const lines = await creditableLines(tx, ctx.order.id, invoice.id, returnId, istDate(invoice.invoiceDate));
  if (lines.length === 0) return null;
  const noteDate = new Date();
  const noteNumber = await nextNumber(tx, ctx.warehouse.gstin ?? ctx.warehouse.code, noteDate);
  const totals = creditNoteTotals(
    creditNoteData(
      ctx,
      { noteNumber, noteDate, returnReference, invoiceNumber: invoice.invoiceNumber, invoiceDate: invoice.invoiceDate },
      lines,
    ),
  );
  const [row] = await tx
    .insert(creditNotes)
    .values({
      returnId,
      invoiceId: invoice.id,
      orderId: ctx.order.id,
      channelId: ctx.channel.id,
      noteNumber,
      noteDate,
      lines,
      ...totals,
      // With e-invoicing on for the invoice, its credit note is registered too (a CRN).
      einvoiceStatus: invoice.einvoiceStatus === 'not_required' ? 'not_required' : 'pending',
      createdBy: actor,
    })
    .onConflictDoNothing()
    .returning({ id: creditNotes.id, noteNumber: creditNotes.noteNumber });
  if (!row) return null;
  await tx.insert(orderEvents).values({
    orderId: ctx.order.id,
    status: ctx.order.status,
    actor,
    note: `Credit note ${noteNumber} for return ${returnReference} against invoice ${invoice.invoiceNumber}: ${lines
      .map((l) => `${l.quantity} × ${l.sku}`)
      .join(', ')}.`,
  });
  return row;
}

async function creditableLines(
  tx: Db,
  orderId: number,
  invoiceId: number,
  returnId: number,
  invoiceDate: string,
): Promise<CreditNoteLine[]> {
  const rows = await queryRows<{
    sku: string;
    name: string;
    hsn: string;
    unit_price_paise: number;
    billed: number;
    returned: number;
  }>(
    tx,
    sql`
    with returned as (
      select sku_id, sum(received_good + received_bad)::int as units
      from return_lines where return_id = ${returnId} and sku_id is not null group by sku_id
    ), billed as (
      select l.sku_id, min(coalesce(l.unit_price_paise, 0))::bigint as unit_price_paise,
             min(coalesce(nullif(l.hsn, ''), s.hsn)) as hsn, sum(l.packed_qty)::int as units
      from order_lines l join skus s on s.id = l.sku_id where l.order_id = ${orderId} group by l.sku_id
    )
    select s.code as sku, s.name, b.hsn, b.unit_price_paise, b.units as billed, r.units as returned
    from returned r join billed b on b.sku_id = r.sku_id join skus s on s.id = r.sku_id
    where r.units > 0 order by s.code`,
  );
  const earlier = await creditedBefore(tx, invoiceId);
  return rows.flatMap((r) => {
    const quantity = Math.min(Number(r.returned), Number(r.billed) - (earlier.get(r.sku) ?? 0));
    if (quantity <= 0) return [];
    const unitPricePaise = Number(r.unit_price_paise);
    const { ratePercent } = gstRateFor({ hsn: r.hsn, unitValuePaise: unitPricePaise, date: invoiceDate });
    return [{ sku: r.sku, description: r.name, hsn: r.hsn, quantity, unitPricePaise, ratePercent }];
  });
}

async function creditedBefore(tx: Db, invoiceId: number): Promise<Map<string, number>> {
  const notes = await tx
    .select({ lines: creditNotes.lines })
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, invoiceId));
  const credited = new Map<string, number>();
  for (const line of notes.flatMap((n) => n.lines))
    credited.set(line.sku, (credited.get(line.sku) ?? 0) + line.quantity);
  return credited;
}

/**
 * `CN/YY-YY/NNNNNN`: a series of its own per supplier GSTIN and financial year (GST rule 53 asks for
 * consecutive numbers unique for the year). The counter moves in the closing transaction, so a rolled
 * back close gives its number back.
 */
async function nextNumber(tx: Db, supplier: string, date: Date): Promise<string> {
  const series = `CN:${supplier}:${financialYearStart(date)}`;
  const [row] = await queryRows<{ last_value: number }>(
    tx,
    sql`insert into document_series (series, last_value) values (${series}, 1)
        on conflict (series) do update set last_value = document_series.last_value + 1
        returning last_value`,
  );
  return formatInvoiceNumber({ prefix: 'CN', date, sequence: Number(row.last_value) });
}
