import { z } from 'zod';
import { amount, count, id, opt, page, percent, text, time } from './fields.ts';

/**
 * `GET /orders` (docs/ajio-contract.md §5) as parse/orders.ts reads it. The tax summary of a line is
 * needed: the invoice Weft makes is checked against it, so a line without one is held, not read as
 * untaxed. Parties, dates and amounts of the PO are known but optional.
 */
const party = z
  .object({ name: opt(text), gstin: opt(text), address: opt(text), pincode: opt(text), state_code: opt(text) })
  .loose()
  .describe('a party {name, gstin, address, pincode, state_code}');

const taxSummary = z
  .object({ gst_rate: opt(percent), cgst: opt(amount), sgst: opt(amount), igst: opt(amount), cess: opt(amount) })
  .loose()
  .describe('the tax summary {gst_rate, cgst, sgst, igst, cess}');

export const orderLine = z
  .object({
    order_item_id: id,
    sku: id,
    quantity: count,
    item_base_price: amount,
    tax_summary: taxSummary,
    pendency_item_ids: opt(z.array(z.string().min(1)).describe('a list of pendency item ids')),
    product_id: opt(id),
    variant_id: opt(id),
    seller_sku: opt(text),
    customer_cancelled_qty: opt(count),
    seller_cancelled_qty: opt(count),
    seller_short_picked_qty: opt(count),
    mrp: opt(amount),
    hsn: opt(text),
  })
  .loose();

export const purchaseOrder = z
  .object({
    order_id: id,
    po_number: id,
    status: z.string().min(1).describe('a PO status (CONFIRMED, CANCELLED, PACKED, …)'),
    order_lines: z.array(orderLine).min(1).describe('a non-empty list of lines'),
    po_date: opt(time),
    po_amount: opt(amount),
    total_tax: opt(amount),
    po_pdf_url: opt(text),
    manifest_id: opt(text),
    manifest_url: opt(text),
    bill_to: opt(party),
    ship_to: opt(party),
  })
  .loose();

export const ordersAnswer = z
  .object({ orders: z.array(purchaseOrder).describe('a list of purchase orders'), page: opt(page) })
  .loose();
