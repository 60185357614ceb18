// Purchase orders: the record, its totals and its wire form. The wire form of a PO is cached
// as a JSON string (per base URL) and dropped on every change, so a 50-order page of
// GET /orders is a string join rather than 50 serialisations.
import type { Catalog } from './catalog.ts';
import { rupees, taxFor, totalTax, type TaxSplit } from './money.ts';
import { billTo, shipTo, WAREHOUSES } from './warehouses.ts';

export type PoStatus = 'CONFIRMED' | 'CANCELLED' | 'PACKED' | 'READY_TO_DISPATCH' | 'DISPATCHED' | 'DELIVERED';

export interface PoLine {
  itemId: string;
  variant: number;
  pendencyItemIds: string[];
  pendencyLines: number[];
  quantity: number;
  customerCancelled: number;
  sellerCancelled: number;
  shortPicked: number;
  mrpPaise: number;
  basePaise: number; // per piece
  gstRate: number;
}

export interface InvoiceBox {
  boxId: string;
  weightGrams: number;
  lines: { itemId: string; quantity: number }[];
}

export interface Invoice {
  number: string;
  date: number;
  boxes: InvoiceBox[];
  taxablePaise: number;
  taxPaise: number;
  /** Whole-rupee adjustment when the seller rounds invoice values (0 otherwise). */
  roundOffPaise?: number;
  irn?: string;
  signedQrCode?: string;
  ackNo?: string;
  ackDate?: string | number;
  sellerPdfUrl?: string;
  sellerPdfBytes?: number;
}

export interface Shipment {
  masterAwb: string;
  boxes: { boxId: string; awb: string }[];
  createdAt: number;
}

export interface PurchaseOrder {
  index: number;
  orderId: string;
  poNumber: string;
  poDate: number;
  warehouse: number;
  interState: boolean;
  status: PoStatus;
  lines: PoLine[];
  invoice?: Invoice;
  shipment?: Shipment;
  manifestId?: string;
  dispatchedAt?: number;
  deliveredAt?: number;
  cancelledAt?: number;
  cache?: { base: string; json: string };
}

export const effectiveQty = (l: PoLine) => l.quantity - l.customerCancelled - l.sellerCancelled - l.shortPicked;
export const openQty = (l: PoLine) => l.quantity - l.customerCancelled - l.sellerCancelled;

export function lineTax(po: PurchaseOrder, l: PoLine): { taxable: number; tax: TaxSplit } {
  const taxable = effectiveQty(l) * l.basePaise;
  return { taxable, tax: taxFor(taxable, l.gstRate, po.interState) };
}

export function poTotals(po: PurchaseOrder): { taxable: number; tax: number } {
  let taxable = 0;
  let tax = 0;
  for (const l of po.lines) {
    const t = lineTax(po, l);
    taxable += t.taxable;
    tax += totalTax(t.tax);
  }
  return { taxable, tax };
}

export const manifestUrl = (base: string, id: string) => `${base}/documents/manifests/${id}.pdf`;

export const touch = (po: PurchaseOrder) => {
  po.cache = undefined;
};

export function poDocumentUrl(base: string, po: PurchaseOrder): string {
  return `${base}/documents/po/${po.poNumber}.pdf`;
}

export function poJson(po: PurchaseOrder, catalog: Catalog, base: string): string {
  if (po.cache && po.cache.base === base) return po.cache.json;
  const totals = poTotals(po);
  const w = WAREHOUSES[po.warehouse];
  const body = {
    order_id: po.orderId,
    po_number: po.poNumber,
    po_date: po.poDate,
    po_amount: rupees(totals.taxable + totals.tax),
    total_tax: rupees(totals.tax),
    po_pdf_url: poDocumentUrl(base, po),
    status: po.status,
    // Once dispatched, the manifest the PO left on [A]: what a seller reads back after losing the answer.
    ...(po.manifestId ? { manifest_id: po.manifestId, manifest_url: manifestUrl(base, po.manifestId) } : {}),
    bill_to: billTo(w),
    ship_to: shipTo(w),
    order_lines: po.lines.map((l) => {
      const v = catalog.variants[l.variant];
      const { tax } = lineTax(po, l);
      return {
        order_item_id: l.itemId,
        pendency_item_ids: l.pendencyItemIds,
        sku: v.variantId,
        product_id: v.product.productId,
        variant_id: v.variantId,
        seller_sku: v.sellerSku,
        quantity: l.quantity,
        customer_cancelled_qty: l.customerCancelled,
        seller_cancelled_qty: l.sellerCancelled,
        seller_short_picked_qty: l.shortPicked,
        mrp: rupees(l.mrpPaise),
        item_base_price: rupees(l.basePaise),
        hsn: v.product.hsn,
        tax_summary: {
          gst_rate: tax.gstRate,
          cgst: rupees(tax.cgst),
          sgst: rupees(tax.sgst),
          igst: rupees(tax.igst),
          cess: rupees(tax.cess),
        },
      };
    }),
  };
  const json = JSON.stringify(body);
  po.cache = { base, json };
  return json;
}
