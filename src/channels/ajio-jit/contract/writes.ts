import { z } from 'zod';
import { amount, count, id, opt, text, time } from './fields.ts';

/** Answers to Weft's writes (docs/ajio-contract.md §6–§10): what the push code reads from each. */

/** `POST /orders/cancel` (§6). */
export const cancelAnswer = z
  .object({
    status: opt(text),
    order_lines: opt(z.array(z.object({ order_item_id: id, error_message: opt(text) }).loose())),
  })
  .loose();

/** `POST /orders/b2bInvoice` (§7): the invoice number is needed, the figures are compared when present. */
export const invoiceAnswer = z
  .object({
    invoice_number: z.string().min(1).describe('the invoice number (text)'),
    po_number: opt(id),
    order_id: opt(id),
    invoice_date: opt(time),
    invoice_url: opt(text),
    taxable_value: opt(amount),
    total_tax: opt(amount),
    round_off: opt(z.union([z.number(), z.string()])),
    invoice_value: opt(amount),
    irn: opt(text),
    signed_qr_code: opt(text),
    ack_no: opt(text),
    ack_date: opt(time),
  })
  .loose();

/** `PUT /orders/b2bInvoice` (§7): nothing in the answer is read. */
export const invoiceUpdateAnswer = z.object({}).loose();

/** `POST /orders/shipment` (§8). */
export const shipmentAnswer = z
  .object({
    master_awb: z.string().min(1).describe('the master AWB (text)'),
    po_number: opt(id),
    order_id: opt(id),
    boxes: z.array(z.object({ box_id: id, awb: id }).loose()).describe('a list of boxes {box_id, awb}'),
    label_url: opt(text),
  })
  .loose();

/** `POST /orders/dispatch` (§9). */
export const dispatchAnswer = z
  .object({
    status: opt(text),
    manifestId: opt(text),
    manifestUrl: opt(text),
    failedDispatchItems: opt(z.array(z.object({ orderId: id, errorMessage: opt(text) }).loose())),
  })
  .loose();

/** `POST /updateInventory` (§10): the batch status is needed to know what AJIO took. */
export const inventoryAnswer = z
  .object({
    status: z.string().min(1).describe('a batch status (SUCCESS, FAILED, PARTIAL_SUCCESS)'),
    failedProductList: opt(
      z
        .array(
          z
            .object({ productId: opt(id), variantId: opt(id), sku: opt(id), message: opt(text), inventory: opt(count) })
            .loose(),
        )
        .describe('a list of failed products'),
    ),
  })
  .loose();
