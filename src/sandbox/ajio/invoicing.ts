// POST /orders/b2bInvoice (generate) and PUT /orders/b2bInvoice (seller's own e-invoice).
import { badRequest, conflict, notFound, unprocessable } from './errors.ts';
import { rupees } from './money.ts';
import { openQty, poTotals, touch, type Invoice, type InvoiceBox, type PurchaseOrder } from './purchase-orders.ts';
import type { Seller } from './seller.ts';
import { arr, asObject, int, str } from './validate.ts';

export const invoiceUrl = (base: string, number: string) =>
  `${base}/documents/invoices/${encodeURIComponent(number)}.pdf`;

export function invoiceJson(po: PurchaseOrder, inv: Invoice, base: string) {
  return {
    po_number: po.poNumber,
    order_id: po.orderId,
    invoice_number: inv.number,
    invoice_date: inv.date,
    invoice_url: inv.sellerPdfUrl ?? invoiceUrl(base, inv.number),
    taxable_value: rupees(inv.taxablePaise),
    total_tax: rupees(inv.taxPaise),
    round_off: rupees(inv.roundOffPaise ?? 0),
    invoice_value: rupees(inv.taxablePaise + inv.taxPaise + (inv.roundOffPaise ?? 0)),
    ...(inv.irn ? { irn: inv.irn, signed_qr_code: inv.signedQrCode, ack_no: inv.ackNo, ack_date: inv.ackDate } : {}),
  };
}

function parseBoxes(body: Record<string, unknown>): InvoiceBox[] {
  const boxes = arr(body, 'boxes')!;
  if (boxes.length === 0) throw badRequest('boxes must not be empty');
  const seen = new Set<string>();
  return boxes.map((raw, i) => {
    const b = asObject(raw, `boxes[${i}]`);
    const boxId = str(b, 'box_id')!;
    if (seen.has(boxId)) throw badRequest(`DUPLICATE_BOX_ID: ${boxId}`);
    seen.add(boxId);
    const lines = arr(b, 'lines')!;
    if (lines.length === 0) throw badRequest(`boxes[${i}].lines must not be empty`);
    return {
      boxId,
      weightGrams: int(b, 'weight_grams', { min: 1 }),
      lines: lines.map((rawLine, j) => {
        const l = asObject(rawLine, `boxes[${i}].lines[${j}]`);
        return { itemId: str(l, 'order_item_id')!, quantity: int(l, 'quantity', { min: 1 }) };
      }),
    };
  });
}

export function createInvoice(seller: Seller, now: number, base: string, raw: unknown) {
  const body = asObject(raw);
  const poNo = str(body, 'po_number')!;
  const po = seller.posByNumber.get(poNo);
  if (!po) throw notFound(`PO_NOT_FOUND: ${poNo}`);
  if (po.invoice) return invoiceJson(po, po.invoice, base); // idempotent per PO
  if (po.status !== 'CONFIRMED') throw conflict(`INVALID_PO_STATUS: PO ${poNo} is ${po.status}`);
  const boxes = parseBoxes(body);
  const packed = new Map<string, number>();
  for (const box of boxes) {
    const owner = seller.boxesInUse.get(box.boxId);
    if (owner && owner !== po.poNumber)
      throw conflict(`BOX_ID_IN_USE: box ${box.boxId} belongs to undispatched PO ${owner}`);
    for (const l of box.lines) {
      const line = po.lines.find((x) => x.itemId === l.itemId);
      if (!line) throw badRequest(`INVALID_ORDER_ITEM_ID: ${l.itemId} is not on PO ${poNo}`);
      packed.set(l.itemId, (packed.get(l.itemId) ?? 0) + l.quantity);
    }
  }
  for (const line of po.lines) {
    const q = packed.get(line.itemId) ?? 0;
    if (q > openQty(line))
      throw badRequest(`QUANTITY_EXCEEDS_ORDERED: ${line.itemId} packed ${q}, open ${openQty(line)}`);
  }
  const number = seller.takeInvoiceNumber();
  if (!number)
    throw unprocessable(
      `INVOICE_SERIES_EXHAUSTED: series ${seller.series.prefix} ${seller.series.start}-${seller.series.end} is used up`,
    );
  for (const line of po.lines) {
    line.shortPicked = openQty(line) - (packed.get(line.itemId) ?? 0);
    seller.catalog.blocked.add(line.variant, -line.shortPicked);
  }
  // Each line taxed as a whole and split (money.ts taxFor); totals are sums of the line figures, and the
  // round-off, when the seller asked for it, is the half-up whole-rupee adjustment of their sum.
  const totals = poTotals(po);
  const value = totals.taxable + totals.tax;
  const roundOffPaise = seller.invoiceRoundOff ? Math.floor((value + 50) / 100) * 100 - value : 0;
  po.invoice = { number, date: now, boxes, taxablePaise: totals.taxable, taxPaise: totals.tax, roundOffPaise };
  po.status = 'PACKED';
  touch(po);
  for (const box of boxes) seller.boxesInUse.set(box.boxId, po.poNumber);
  const response = invoiceJson(po, po.invoice, base);
  seller.received.push(seller.received.invoices, {
    receivedAt: now,
    po_number: po.poNumber,
    order_id: po.orderId,
    invoice_number: number,
    boxes: boxes.map((b) => ({
      box_id: b.boxId,
      weight_grams: b.weightGrams,
      lines: b.lines.map((l) => ({ order_item_id: l.itemId, quantity: l.quantity })),
    })),
    taxable_value: response.taxable_value,
    total_tax: response.total_tax,
    round_off: response.round_off,
    invoice_value: response.invoice_value,
  });
  return response;
}

const IRN_RE = /^[0-9a-f]{64}$/i;

/** Seller-side PDFs uploaded with PUT, served back at invoice_url. */
export const uploadedInvoicePdfs = new WeakMap<Seller, Map<string, Buffer>>();

export function updateInvoice(seller: Seller, now: number, base: string, raw: unknown) {
  const body = asObject(raw);
  const poNo = str(body, 'po_number')!;
  const number = str(body, 'invoice_number')!;
  const po = seller.posByNumber.get(poNo);
  if (!po) throw notFound(`PO_NOT_FOUND: ${poNo}`);
  const inv = po.invoice;
  if (!inv) throw conflict(`INVOICE_NOT_GENERATED: PO ${poNo} has no invoice`);
  if (inv.number !== number) throw badRequest(`INVOICE_NUMBER_MISMATCH: PO ${poNo} has invoice ${inv.number}`);
  const irn = str(body, 'irn')!;
  if (!IRN_RE.test(irn)) throw badRequest('INVALID_IRN: irn must be 64 hexadecimal characters');
  const signedQr = str(body, 'signed_qr_code')!;
  const ackNo = str(body, 'ack_no')!;
  const ackDate = body.ack_date;
  if (ackDate === undefined || ackDate === null || ackDate === '') throw badRequest('ack_date is required');
  const pdfBase64 = str(body, 'invoice_pdf', false);
  const url = str(body, 'invoice_url', false);
  if (!pdfBase64 && !url) throw badRequest('invoice_pdf or invoice_url is required');
  let pdfBytes = 0;
  if (pdfBase64) {
    const pdf = Buffer.from(pdfBase64, 'base64');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw badRequest('INVALID_INVOICE_PDF: invoice_pdf must be a base64 PDF');
    pdfBytes = pdf.byteLength;
    const map = uploadedInvoicePdfs.get(seller) ?? new Map();
    uploadedInvoicePdfs.set(seller, map);
    map.set(inv.number, pdf);
    inv.sellerPdfUrl = undefined;
  } else inv.sellerPdfUrl = url;
  inv.irn = irn;
  inv.signedQrCode = signedQr;
  inv.ackNo = ackNo;
  inv.ackDate = ackDate as string | number;
  inv.sellerPdfBytes = pdfBytes || undefined;
  touch(po);
  seller.received.push(seller.received.einvoiceUpdates, {
    receivedAt: now,
    po_number: poNo,
    invoice_number: number,
    irn,
    signed_qr_code: signedQr,
    ack_no: ackNo,
    ack_date: ackDate,
    invoice_url: url ?? null,
    invoice_pdf_bytes: pdfBytes || null,
  });
  return { success: true, ...invoiceJson(po, inv, base) };
}
