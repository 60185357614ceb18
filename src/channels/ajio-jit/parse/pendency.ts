import type { PendencyInput } from '../../../core/backorders.ts';
import { countField, FieldError, idField, isObject, timeField } from './fields.ts';
import type { ParseFailure } from './products.ts';

/**
 * AJIO `/orders/pendency` orders → Weft back-order lines (one per `order_item_id`). `ordered_quantity`
 * is the quantity still open; a line at zero is left out, as AJIO itself leaves out lines that closed.
 * A malformed order or line becomes a failure naming the field; the rest of the page still lands.
 */
export interface ParsedPendency {
  lines: PendencyInput[];
  failures: ParseFailure[];
  /** Latest order date on the page, AJIO's clock: where the next pull's window may start. */
  newestOrderAt: Date | null;
}

export function parsePendency(orders: unknown[]): ParsedPendency {
  const out: ParsedPendency = { lines: [], failures: [], newestOrderAt: null };
  orders.forEach((order, i) => {
    let orderId: string;
    let orderedAt: Date | null;
    try {
      if (!isObject(order)) throw new FieldError('the order is not an object');
      orderId = idField(order, 'order_id');
      orderedAt = timeField(order, 'order_date');
      if (!Array.isArray(order.order_lines)) throw new FieldError('order_lines is not a list');
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const key = isObject(order) && typeof order.order_id === 'string' ? order.order_id : `pendency order #${i + 1}`;
      out.failures.push({
        key,
        message: `AJIO pendency order ${key}: ${error.message}; its lines were not stored — retry after AJIO corrects it.`,
        payload: order,
      });
      return;
    }
    if (orderedAt && (!out.newestOrderAt || orderedAt > out.newestOrderAt)) out.newestOrderAt = orderedAt;
    ((order as Record<string, unknown>).order_lines as unknown[]).forEach((line, j) => {
      try {
        if (!isObject(line)) throw new FieldError('the line is not an object');
        const quantity = countField(line, 'ordered_quantity', true)!;
        const orderItemId = idField(line, 'order_item_id');
        const channelSku = idField(line, 'sku');
        if (quantity > 0) out.lines.push({ orderId, orderItemId, channelSku, quantity, orderedAt });
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        const key =
          isObject(line) && typeof line.order_item_id === 'string' ? line.order_item_id : `${orderId} line #${j + 1}`;
        out.failures.push({
          key,
          message: `AJIO pendency line ${key} (order ${orderId}): ${error.message}; it was not stored — retry after AJIO corrects it.`,
          payload: { ...(order as Record<string, unknown>), order_lines: [line] },
        });
      }
    });
  });
  return out;
}
