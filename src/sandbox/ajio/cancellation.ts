// Seller cancellation (POST /orders/cancel): on pendency, and on a CONFIRMED PO until an
// invoice exists; after that every line is refused.
import { notFound, badRequest } from './errors.ts';
import { parsePendencyItemId, parsePendencyOrderId } from './ids.ts';
import { openQty, touch, type PurchaseOrder } from './purchase-orders.ts';
import type { Seller } from './seller.ts';
import { asObject, arr, batchStatus, str, type Json } from './validate.ts';

interface LineResult {
  order_item_id: string;
  error_message?: string;
}

interface Requested {
  itemId: string;
  quantity: number | undefined;
}

function requestedLines(body: Json): Requested[] | undefined {
  const lines = arr(body, 'order_lines', false);
  if (!lines || lines.length === 0) return undefined; // whole order
  return lines.map((raw, i) => {
    const l = asObject(raw, `order_lines[${i}]`);
    const q = l.cancelled_quantity;
    if (q !== undefined && (typeof q !== 'number' || !Number.isInteger(q)))
      throw badRequest(`order_lines[${i}].cancelled_quantity must be an integer`);
    return { itemId: str(l, 'order_item_id')!, quantity: q as number | undefined };
  });
}

export function sellerCancel(seller: Seller, now: number, raw: unknown) {
  const body = asObject(raw);
  const poNo = str(body, 'po_number', false);
  const orderId = str(body, 'order_id', false);
  if (!poNo && !orderId) throw badRequest('po_number or order_id is required');
  const reason = str(body, 'reason')!;
  const requested = requestedLines(body);
  let results: LineResult[];
  const po = poNo ? seller.posByNumber.get(poNo) : seller.posByOrderId.get(orderId!);
  if (po) results = cancelPo(seller, po, requested);
  else {
    const order = orderId ? parsePendencyOrderId(seller.idPrefix, orderId) : undefined;
    if (order === undefined || order >= seller.pendency.orderCount)
      throw notFound(`ORDER_NOT_FOUND: ${poNo ?? orderId}`);
    results = cancelPendency(seller, order, orderId!, requested);
  }
  const failed = results.filter((r) => r.error_message).length;
  const response = { status: batchStatus(results.length, failed), order_lines: results };
  seller.received.push(seller.received.cancellations, {
    receivedAt: now,
    po_number: poNo,
    order_id: orderId,
    reason,
    request: body.order_lines ?? null,
    response,
  });
  return response;
}

function cancelPo(seller: Seller, po: PurchaseOrder, requested: Requested[] | undefined): LineResult[] {
  const targets =
    requested ?? po.lines.filter((l) => openQty(l) > 0).map((l) => ({ itemId: l.itemId, quantity: undefined }));
  if (targets.length === 0) return [{ order_item_id: po.orderId, error_message: `ORDER_ALREADY_CANCELLED` }];
  const results = targets.map(({ itemId, quantity }): LineResult => {
    const line = po.lines.find((l) => l.itemId === itemId);
    if (!line) return { order_item_id: itemId, error_message: 'INVALID_ORDER_ITEM_ID' };
    if (po.invoice)
      return {
        order_item_id: itemId,
        error_message: `CANCELLATION_NOT_ALLOWED: invoice ${po.invoice.number} already generated`,
      };
    if (po.status !== 'CONFIRMED')
      return { order_item_id: itemId, error_message: `CANCELLATION_NOT_ALLOWED: order is ${po.status}` };
    const q = quantity ?? openQty(line);
    if (q < 1 || q > openQty(line))
      return { order_item_id: itemId, error_message: `INVALID_CANCELLED_QUANTITY: ${openQty(line)} can be cancelled` };
    line.sellerCancelled += q;
    seller.catalog.blocked.add(line.variant, -q);
    return { order_item_id: itemId };
  });
  if (po.lines.every((l) => openQty(l) === 0) && po.status === 'CONFIRMED') po.status = 'CANCELLED';
  touch(po);
  return results;
}

function cancelPendency(
  seller: Seller,
  order: number,
  orderId: string,
  requested: Requested[] | undefined,
): LineResult[] {
  const p = seller.pendency;
  const [start, end] = p.lineRange(order);
  const targets: Requested[] =
    requested ??
    Array.from({ length: end - start }, (_, i) => ({ itemId: `${orderId}-${i + 1}`, quantity: undefined })).filter(
      (_, i) => p.lineOpen.get(start + i) > 0,
    );
  if (targets.length === 0)
    return [{ order_item_id: orderId, error_message: 'NOTHING_TO_CANCEL: no open pendency on this order' }];
  const results = targets.map(({ itemId, quantity }): LineResult => {
    const parsed = parsePendencyItemId(seller.idPrefix, itemId);
    const line = parsed && parsed.orderIndex === order ? p.lineOf(order, parsed.lineNo) : undefined;
    if (line === undefined) return { order_item_id: itemId, error_message: 'INVALID_ORDER_ITEM_ID' };
    const open = p.lineOpen.get(line);
    if (open === 0 && p.linePo.get(line) >= 0) {
      return {
        order_item_id: itemId,
        error_message: `ORDER_ITEM_IN_PO: cancel it on PO ${seller.pos[p.linePo.get(line)].poNumber}`,
      };
    }
    const q = quantity ?? open;
    if (q < 1 || q > open)
      return { order_item_id: itemId, error_message: `INVALID_CANCELLED_QUANTITY: ${open} can be cancelled` };
    p.lineOpen.add(line, -q);
    p.lineSellerCancelled.add(line, q);
    seller.catalog.pendency.add(p.lineVariant.get(line), -q);
    return { order_item_id: itemId };
  });
  p.invalidate();
  return results;
}
