import {
  amountInWords,
  computeInvoiceTotals,
  computeLineTax,
  stateByCode,
  taxRegimeFor,
  type InvoiceTotals,
  type TaxLine,
  type TaxRegime,
  type TaxRounding,
} from '../../../tax/index.ts';
import {
  A4,
  block,
  fitColumns,
  fixedDate,
  FONT,
  hline,
  inr,
  paperDate,
  percent,
  qrCode,
  renderPdf,
  rowHeight,
  rupees,
  tableHeader,
  tableRow,
  text,
  type Column,
  type Doc,
} from './pdf-kit.ts';

/**
 * The GST tax invoice (Rule 46 CGST Rules; docs/gst.md a1–a7), A4, from plain Weft data.
 * Taxes are computed here with the shared tax rules (`src/tax`), so the paper always agrees with
 * what `invoiceFigures` gives any other caller (the e-invoice payload, the marketplace invoice push).
 */
export interface InvoiceParty {
  name: string;
  /** Address lines as printed, without the state (the state comes from `stateCode`). */
  address: readonly string[];
  gstin: string;
  stateCode: string;
}

export interface InvoiceLineData {
  description: string;
  sku?: string;
  hsn: string;
  quantity: number;
  /** Unique Quantity Code, e.g. PCS or PRS (a1 (i)); default PCS. */
  unit?: string;
  unitPricePaise: number;
  discountPaise?: number;
  /** Full GST rate from the dated rate table; the intra-State halves are derived. */
  ratePercent: number;
}

export interface EInvoiceDetails {
  irn: string;
  ackNo: string;
  /** As the IRP returns it: IST `yyyy-MM-dd HH:mm:ss`. */
  ackDate: string;
  /** The IRP's SignedQRCode, printed as the QR itself (a1 (r), c6). */
  signedQrCode: string;
}

export interface InvoiceData {
  number: string;
  /** Invoice date: the IST business date, `YYYY-MM-DD`. */
  date: string;
  supplier: InvoiceParty;
  /** The marketplace's legal entity for the PO's state. */
  recipient: InvoiceParty;
  shipTo: { name: string; address: readonly string[]; stateCode?: string };
  placeOfSupplyCode: string;
  poNumber: string;
  poDate?: string;
  boxCount: number;
  lines: readonly InvoiceLineData[];
  reverseCharge?: boolean;
  /** 'rupee' (the default): the invoice value is rounded to whole rupees, the round-off printed as its own line. */
  roundOff?: 'rupee' | 'none';
  /** How line tax is rounded: as the marketplace that issues the invoice number rounds it (tax-split.ts). */
  taxRounding?: TaxRounding;
  einvoice?: EInvoiceDetails | null;
  /** Set for a GST credit note: the invoice it credits and the return that brought the goods back. */
  creditNote?: CreditNoteReference;
}

export interface CreditNoteReference {
  invoiceNumber: string;
  /** The credited invoice's IST business date, `YYYY-MM-DD`. */
  invoiceDate: string;
  /** The marketplace's return number. */
  returnReference: string;
}

/** "Tax Invoice" or "Credit Note": the document's name as printed. */
const documentTitle = (data: InvoiceData) => (data.creditNote ? 'Credit Note' : 'Tax Invoice');

export interface InvoiceFigures {
  regime: TaxRegime;
  lines: TaxLine[];
  totals: InvoiceTotals;
}

export function invoiceFigures(data: InvoiceData): InvoiceFigures {
  const regime = taxRegimeFor(data.supplier.stateCode, data.placeOfSupplyCode);
  const lines = data.lines.map((l) =>
    computeLineTax(
      {
        quantity: l.quantity,
        unitPricePaise: l.unitPricePaise,
        discountPaise: l.discountPaise,
        ratePercent: l.ratePercent,
      },
      regime,
      { rounding: data.taxRounding },
    ),
  );
  return { regime, lines, totals: computeInvoiceTotals(lines, { roundOff: data.roundOff ?? 'rupee' }) };
}

const MARGIN = 28;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN - 18;
const SIZE = 7.5;

interface Row {
  index: number;
  line: InvoiceLineData;
  tax: TaxLine;
}

function columnsFor(regime: TaxRegime): Column<Row>[] {
  const money = (pick: (r: Row) => number) => (r: Row) => rupees(pick(r));
  const head: Omit<Column<Row>, 'width'>[] = [
    { header: '#', value: (r) => String(r.index), align: 'right' },
    {
      header: 'Description',
      value: (r) => (r.line.sku ? `${r.line.description}\nSKU ${r.line.sku}` : r.line.description),
    },
    { header: 'HSN', value: (r) => r.line.hsn },
    { header: 'Qty', value: (r) => `${r.line.quantity} ${r.line.unit ?? 'PCS'}`, align: 'right' },
    { header: 'Unit price', value: money((r) => r.line.unitPricePaise), align: 'right' },
    { header: 'Taxable value', value: money((r) => r.tax.taxablePaise), align: 'right' },
  ];
  const tail: Omit<Column<Row>, 'width'>[] = [
    { header: 'Total', value: money((r) => r.tax.totalPaise), align: 'right' },
  ];
  if (regime.kind === 'intra') {
    const state = regime.stateTaxLabel;
    const taxes: Omit<Column<Row>, 'width'>[] = [
      { header: 'CGST rate', value: (r) => percent(r.tax.cgstRatePercent), align: 'right' },
      { header: 'CGST', value: money((r) => r.tax.cgstPaise), align: 'right' },
      { header: `${state} rate`, value: (r) => percent(r.tax.sgstRatePercent), align: 'right' },
      { header: state, value: money((r) => r.tax.sgstPaise), align: 'right' },
    ];
    return fitColumns([...head, ...taxes, ...tail], [14, 128, 40, 34, 46, 54, 30, 46, 30, 46, 58], WIDTH);
  }
  const taxes: Omit<Column<Row>, 'width'>[] = [
    { header: 'IGST rate', value: (r) => percent(r.tax.igstRatePercent), align: 'right' },
    { header: 'IGST', value: money((r) => r.tax.igstPaise), align: 'right' },
  ];
  return fitColumns([...head, ...taxes, ...tail], [14, 170, 44, 36, 52, 60, 32, 56, 62], WIDTH);
}

const stateLine = (code: string) => `State: ${stateByCode(code).name} (${stateByCode(code).code})`;

function pair(doc: Doc, label: string, value: string, x: number, y: number, width: number): number {
  text(doc, label, x, y, { size: 8, width: 92 });
  return text(doc, value, x + 94, y, { size: 8, bold: true, width: width - 94 });
}

/** Page 1 header: parties, invoice particulars and the e-invoice block. Returns the y below it. */
function firstPageHeader(doc: Doc, data: InvoiceData, figures: InvoiceFigures): number {
  let y = MARGIN;
  text(doc, documentTitle(data), MARGIN, y, { size: 16, bold: true, width: WIDTH, align: 'center' });
  y += 22;
  const half = WIDTH / 2 - 6;
  const right = MARGIN + WIDTH / 2 + 6;
  const supplier = block(
    doc,
    'Supplier',
    [data.supplier.name, ...data.supplier.address, `GSTIN: ${data.supplier.gstin}`, stateLine(data.supplier.stateCode)],
    MARGIN,
    y,
    half,
  );
  const pos = stateByCode(figures.regime.placeOfSupplyCode);
  let ry = y;
  const credit = data.creditNote;
  ry += pair(doc, credit ? 'Credit note number' : 'Invoice number', data.number, right, ry, half);
  ry += pair(doc, credit ? 'Credit note date' : 'Invoice date', paperDate(data.date), right, ry, half);
  if (credit) {
    ry += pair(doc, 'Against invoice', `${credit.invoiceNumber} of ${paperDate(credit.invoiceDate)}`, right, ry, half);
    ry += pair(doc, 'Return', credit.returnReference, right, ry, half);
  }
  ry += pair(doc, 'PO number', data.poNumber, right, ry, half);
  if (data.poDate) ry += pair(doc, 'PO date', paperDate(data.poDate), right, ry, half);
  ry += pair(doc, 'Place of supply', `${pos.name} (${pos.code})`, right, ry, half);
  ry += pair(doc, 'Reverse charge', data.reverseCharge ? 'Y' : 'N', right, ry, half);
  if (!credit) ry += pair(doc, 'Box count', String(data.boxCount), right, ry, half);
  y = Math.max(y + supplier, ry) + 6;
  hline(doc, MARGIN, MARGIN + WIDTH, y);
  y += 5;
  const recipient = block(
    doc,
    'Recipient (bill to)',
    [
      data.recipient.name,
      ...data.recipient.address,
      `GSTIN: ${data.recipient.gstin}`,
      stateLine(data.recipient.stateCode),
    ],
    MARGIN,
    y,
    half,
  );
  const shipTo = block(
    doc,
    'Ship to',
    [data.shipTo.name, ...data.shipTo.address, ...(data.shipTo.stateCode ? [stateLine(data.shipTo.stateCode)] : [])],
    right,
    y,
    half,
  );
  y += Math.max(recipient, shipTo) + 6;
  hline(doc, MARGIN, MARGIN + WIDTH, y);
  y += 5;
  if (data.einvoice) {
    const qr = 130;
    const e = data.einvoice;
    let ey = y;
    ey += text(doc, 'E-INVOICE', MARGIN, ey, { size: 7, bold: true });
    ey += text(doc, `IRN: ${e.irn}`, MARGIN, ey, { size: 8, width: WIDTH - qr - 10 });
    ey += text(doc, `Ack no: ${e.ackNo}`, MARGIN, ey, { size: 8 });
    ey += text(doc, `Ack date: ${e.ackDate} IST`, MARGIN, ey, { size: 8 });
    qrCode(doc, e.signedQrCode, MARGIN + WIDTH - qr, y, qr);
    y = Math.max(ey, y + qr) + 4;
    hline(doc, MARGIN, MARGIN + WIDTH, y);
    y += 5;
  }
  return y;
}

/** Later pages repeat who, what and which PO, so a loose page is still identifiable. */
function continuationHeader(doc: Doc, data: InvoiceData): number {
  let y = MARGIN;
  text(doc, `${documentTitle(data)} (continued)`, MARGIN, y, { size: 12, bold: true });
  y += 16;
  text(doc, `${data.supplier.name}  GSTIN ${data.supplier.gstin}`, MARGIN, y, { size: 8, width: WIDTH / 2 });
  text(
    doc,
    `${data.creditNote ? 'Credit note' : 'Invoice'} ${data.number}  dated ${paperDate(data.date)}  PO ${data.poNumber}`,
    MARGIN + WIDTH / 2,
    y,
    {
      size: 8,
      width: WIDTH / 2,
      align: 'right',
    },
  );
  y += 14;
  hline(doc, MARGIN, MARGIN + WIDTH, y);
  return y + 5;
}

function totalsBlock(doc: Doc, data: InvoiceData, figures: InvoiceFigures, y: number): number {
  const t = figures.totals;
  const rows: [string, string][] = [
    ['Total quantity', String(data.lines.reduce((a, l) => a + l.quantity, 0))],
    ['Taxable value', inr(t.taxablePaise)],
  ];
  if (figures.regime.kind === 'intra') {
    rows.push(['CGST', inr(t.cgstPaise)], [figures.regime.stateTaxLabel, inr(t.sgstPaise)]);
  } else {
    rows.push(['IGST', inr(t.igstPaise)]);
  }
  rows.push(['Total tax', inr(t.totalTaxPaise)]);
  // Round-off only when the seller rounds invoice values; then it is its own line, as on the marketplace's record.
  if (roundsOff(data)) rows.push(['Round off', inr(t.roundOffPaise)]);
  const x = MARGIN + WIDTH - 240;
  for (const [label, value] of rows) {
    text(doc, label, x, y, { size: 8.5, width: 110 });
    y += text(doc, value, x + 110, y, { size: 8.5, width: 130, align: 'right' });
  }
  hline(doc, x, MARGIN + WIDTH, y + 1);
  y += 3;
  text(doc, 'Invoice value', x, y, { size: 10, bold: true, width: 110 });
  y += text(doc, inr(t.invoiceTotalPaise), x + 110, y, { size: 10, bold: true, width: 130, align: 'right' }) + 6;
  y +=
    text(doc, `Amount in words: ${amountInWords(t.invoiceTotalPaise)}`, MARGIN, y, {
      size: 8.5,
      bold: true,
      width: WIDTH,
    }) + 4;
  y += text(doc, `Tax payable on reverse charge: ${data.reverseCharge ? 'Yes' : 'No'}`, MARGIN, y, { size: 8 }) + 14;
  text(doc, `For ${data.supplier.name}`, MARGIN + WIDTH - 220, y, {
    size: 8.5,
    bold: true,
    width: 220,
    align: 'right',
  });
  y += 34;
  const note = data.einvoice
    ? 'Authorised signatory (e-invoice: signature not required, Rule 48(4))'
    : 'Authorised signatory';
  text(doc, note, MARGIN + WIDTH - 300, y, { size: 8, width: 300, align: 'right' });
  return y + 12;
}

/** Whether the invoice value is rounded to whole rupees (the default), with the round-off as its own line. */
const roundsOff = (data: InvoiceData) => (data.roundOff ?? 'rupee') === 'rupee';

/** Height of the totals block, measured by drawing nothing: fixed rows plus the wrapped words line. */
function totalsHeight(doc: Doc, data: InvoiceData, figures: InvoiceFigures): number {
  doc.font(FONT).fontSize(8.5);
  const words = doc.heightOfString(`Amount in words: ${amountInWords(figures.totals.invoiceTotalPaise)}`, {
    width: WIDTH,
  });
  const rows = (figures.regime.kind === 'intra' ? 5 : 4) + (roundsOff(data) ? 1 : 0);
  return rows * 11 + 30 + words + 4 + 24 + 46;
}

export async function renderInvoice(data: InvoiceData): Promise<Buffer> {
  const figures = invoiceFigures(data);
  const columns = columnsFor(figures.regime);
  const rows: Row[] = data.lines.map((line, i) => ({ index: i + 1, line, tax: figures.lines[i] }));
  return renderPdf(
    {
      size: [A4.width, A4.height],
      margin: MARGIN,
      creationDate: fixedDate(data.date),
      title: `${data.creditNote ? 'Credit note' : 'Tax invoice'} ${data.number}`,
      bufferPages: true,
    },
    (doc) => {
      let y = firstPageHeader(doc, data, figures);
      y += tableHeader(doc, columns, MARGIN, y, SIZE);
      for (const row of rows) {
        const h = rowHeight(doc, columns, row, SIZE);
        if (y + h > BOTTOM) {
          doc.addPage();
          y = continuationHeader(doc, data);
          y += tableHeader(doc, columns, MARGIN, y, SIZE);
        }
        tableRow(doc, columns, row, MARGIN, y, SIZE);
        y += h;
      }
      hline(doc, MARGIN, MARGIN + WIDTH, y + 1);
      y += 8;
      if (y + totalsHeight(doc, data, figures) > BOTTOM) {
        doc.addPage();
        y = continuationHeader(doc, data);
      }
      totalsBlock(doc, data, figures, y);
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        text(doc, `Invoice ${data.number}    Page ${i + 1} of ${range.count}`, MARGIN, A4.height - MARGIN - 10, {
          size: 7.5,
          width: WIDTH,
          align: 'right',
        });
      }
    },
  );
}
