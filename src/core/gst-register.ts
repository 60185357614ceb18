import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { invoices } from '../db/schema.ts';
import { stateByCode } from '../tax/index.ts';
import { listCreditNotes } from './credit-notes/read.ts';
import { storedCreditNoteData } from './credit-notes/note-data.ts';
import { csvDocument } from './csv.ts';
import { type InvoiceData, invoiceFigures } from './documents/render/invoice.ts';
import { type FulfilmentDeps, loadOrderContext } from './fulfilment/deps.ts';
import { invoiceData, packedLines } from './fulfilment/invoice-data.ts';

/**
 * The GST register for the accountant: every invoice and credit note dated in a range (IST business
 * dates), one row per document, HSN and rate, with the taxable value and each tax. The figures are
 * recomputed from the same data and rules that printed the document (invoiceFigures), so the rows of a
 * document add up to its printed taxable value and tax to the paisa; the document's value (with its
 * round-off) is repeated on each of its rows, as GSTR-1 asks.
 */
export interface RegisterRow {
  number: string;
  date: string;
  type: 'INV' | 'CRN';
  /** For a credit note: the invoice it credits. */
  against: string | null;
  recipientGstin: string;
  placeOfSupply: string;
  hsn: string;
  ratePercent: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  cessPaise: number;
  documentValuePaise: number;
  irn: string | null;
  ackNo: string | null;
}

export interface RegisterTotals {
  documents: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  cessPaise: number;
}

export interface GstRegister {
  from: string;
  to: string;
  rows: RegisterRow[];
  /** Invoices and credit notes apart: a credit note reduces the tax payable, it is not added to it. */
  totals: { invoices: RegisterTotals; creditNotes: RegisterTotals };
}

const ist = (date: string) => new Date(`${date}T00:00:00+05:30`);

/** The register for [from, to): `to` is the first day not included. */
export async function gstRegister(deps: FulfilmentDeps, range: { from: string; to: string }): Promise<GstRegister> {
  const db = deps.database.db;
  const rows: RegisterRow[] = [];
  const issued = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.status, 'active'),
        gte(invoices.invoiceDate, ist(range.from)),
        lt(invoices.invoiceDate, ist(range.to)),
      ),
    )
    .orderBy(asc(invoices.invoiceDate), asc(invoices.id));
  for (const invoice of issued) {
    const ctx = await loadOrderContext(deps, invoice.orderId);
    const lines = await packedLines(db, invoice.orderId);
    const data = invoiceData(ctx, lines, invoice.invoiceNumber, invoice.invoiceDate, 0);
    rows.push(...documentRows(data, 'INV', null, invoice));
  }
  for (const note of await listCreditNotes(db, range)) {
    const { invoice, data } = await storedCreditNoteData(deps, note);
    rows.push(...documentRows(data, 'CRN', invoice.invoiceNumber, note));
  }
  // By date, invoices before credit notes (a note follows what it credits), then by number.
  // By date, invoices before credit notes (a note follows what it credits), then by number.
  rows.sort((a, b) => a.date.localeCompare(b.date) || b.type.localeCompare(a.type) || a.number.localeCompare(b.number));
  return {
    ...range,
    rows,
    totals: { invoices: totalsOf(rows, 'INV'), creditNotes: totalsOf(rows, 'CRN') },
  };
}

/** One row per HSN and rate of a document, in the order they first appear on it. */
function documentRows(
  data: InvoiceData,
  type: RegisterRow['type'],
  against: string | null,
  irp: { irn: string | null; ackNo: string | null },
): RegisterRow[] {
  const figures = invoiceFigures(data);
  const byKey = new Map<string, RegisterRow>();
  data.lines.forEach((line, i) => {
    const tax = figures.lines[i];
    const key = `${line.hsn}|${line.ratePercent}`;
    const row = byKey.get(key) ?? {
      number: data.number,
      date: data.date,
      type,
      against,
      recipientGstin: data.recipient.gstin,
      placeOfSupply: `${figures.regime.placeOfSupplyCode}-${stateByCode(figures.regime.placeOfSupplyCode).name}`,
      hsn: line.hsn,
      ratePercent: line.ratePercent,
      taxablePaise: 0,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 0,
      cessPaise: 0,
      documentValuePaise: figures.totals.invoiceTotalPaise,
      irn: irp.irn,
      ackNo: irp.ackNo,
    };
    row.taxablePaise += tax.taxablePaise;
    row.cgstPaise += tax.cgstPaise;
    row.sgstPaise += tax.sgstPaise;
    row.igstPaise += tax.igstPaise;
    byKey.set(key, row);
  });
  return [...byKey.values()];
}

function totalsOf(rows: RegisterRow[], type: RegisterRow['type']): RegisterTotals {
  const of = rows.filter((r) => r.type === type);
  const sum = (pick: (r: RegisterRow) => number) => of.reduce((a, r) => a + pick(r), 0);
  return {
    documents: new Set(of.map((r) => r.number)).size,
    taxablePaise: sum((r) => r.taxablePaise),
    cgstPaise: sum((r) => r.cgstPaise),
    sgstPaise: sum((r) => r.sgstPaise),
    igstPaise: sum((r) => r.igstPaise),
    cessPaise: sum((r) => r.cessPaise),
  };
}

const rupees = (paise: number) => (paise / 100).toFixed(2);

export function gstRegisterCsv(register: GstRegister): string {
  return csvDocument(
    [
      'document_number',
      'document_date',
      'document_type',
      'against_invoice',
      'recipient_gstin',
      'place_of_supply',
      'hsn',
      'gst_rate_percent',
      'taxable_value',
      'cgst',
      'sgst',
      'igst',
      'cess',
      'document_value',
      'irn',
      'ack_no',
    ],
    register.rows.map((r) => [
      r.number,
      r.date,
      r.type,
      r.against,
      r.recipientGstin,
      r.placeOfSupply,
      r.hsn,
      r.ratePercent,
      rupees(r.taxablePaise),
      rupees(r.cgstPaise),
      rupees(r.sgstPaise),
      rupees(r.igstPaise),
      rupees(r.cessPaise),
      rupees(r.documentValuePaise),
      r.irn,
      r.ackNo,
    ]),
  );
}
