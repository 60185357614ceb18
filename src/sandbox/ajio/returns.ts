// Customer returns of dispatched POs: created through the control API, served by GET /returns.
import { badRequest } from './errors.ts';
import { awbNumber, returnId } from './ids.ts';
import { Prng } from './prng.ts';
import { effectiveQty, type PoLine, type PurchaseOrder } from './purchase-orders.ts';
import type { ReturnRecord, Seller } from './seller.ts';
import { asObject, str } from './validate.ts';

const REASONS = ['SIZE_ISSUE', 'QUALITY_ISSUE', 'NOT_AS_DESCRIBED', 'CHANGED_MIND', 'DAMAGED'];

function returned(seller: Seller, itemId: string): number {
  let n = 0;
  for (const r of seller.returns) if (r.orderItemId === itemId) n += r.quantity;
  return n;
}

function addReturn(
  seller: Seller,
  now: number,
  po: PurchaseOrder,
  line: PoLine,
  quantity: number,
  reason: string,
  status: string,
): ReturnRecord {
  const record: ReturnRecord = {
    returnId: returnId(seller.idPrefix, ++seller.counters.return),
    poNumber: po.poNumber,
    orderItemId: line.itemId,
    sku: seller.catalog.variants[line.variant].variantId,
    quantity,
    reason,
    awb: awbNumber(seller.idPrefix, ++seller.counters.awb),
    createdAt: now,
    status,
  };
  seller.returns.push(record);
  return record;
}

export function returnJson(r: ReturnRecord) {
  return {
    return_id: r.returnId,
    po_number: r.poNumber,
    order_item_id: r.orderItemId,
    sku: r.sku,
    quantity: r.quantity,
    reason: r.reason,
    awb: r.awb,
    created_at: r.createdAt,
    status: r.status,
  };
}

const shipped = (po: PurchaseOrder) => po.status === 'DISPATCHED' || po.status === 'DELIVERED';

/** Explicit `{returns:[{po_number, order_item_id?|sku?, quantity?, reason?, status?}]}` or `{count, seed}`. */
export function createReturns(seller: Seller, now: number, raw: unknown): ReturnRecord[] {
  const body = asObject(raw);
  if (Array.isArray(body.returns)) {
    return body.returns.map((rawItem, i) => {
      const item = asObject(rawItem, `returns[${i}]`);
      const key = str(item, 'po_number', false) ?? str(item, 'order_id')!;
      const po = seller.posByNumber.get(key) ?? seller.posByOrderId.get(key);
      if (!po) throw badRequest(`returns[${i}]: unknown PO ${key}`);
      if (!shipped(po))
        throw badRequest(`returns[${i}]: PO ${key} is ${po.status}; only dispatched POs can be returned`);
      const itemId = str(item, 'order_item_id', false);
      const sku = str(item, 'sku', false);
      const line = po.lines.find((l) =>
        itemId
          ? l.itemId === itemId
          : sku
            ? seller.catalog.variants[l.variant].variantId === sku
            : effectiveQty(l) - returned(seller, l.itemId) > 0,
      );
      if (!line) throw badRequest(`returns[${i}]: no matching line on PO ${key}`);
      const quantity = typeof item.quantity === 'number' ? item.quantity : 1;
      const left = effectiveQty(line) - returned(seller, line.itemId);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > left)
        throw badRequest(`returns[${i}]: quantity must be 1..${left}`);
      return addReturn(
        seller,
        now,
        po,
        line,
        quantity,
        str(item, 'reason', false) ?? 'SIZE_ISSUE',
        str(item, 'status', false) ?? 'INITIATED',
      );
    });
  }
  const count = typeof body.count === 'number' ? body.count : NaN;
  if (!Number.isInteger(count) || count < 1) throw badRequest('give returns:[...] or a positive integer count');
  const prng = new Prng(typeof body.seed === 'number' ? body.seed : 1);
  const candidates: [PurchaseOrder, PoLine][] = [];
  for (const po of seller.pos) if (shipped(po)) for (const l of po.lines) candidates.push([po, l]);
  const out: ReturnRecord[] = [];
  for (let i = 0; i < count; i++) {
    const open = candidates.filter(([, l]) => effectiveQty(l) - returned(seller, l.itemId) > 0);
    if (open.length === 0) break;
    const [po, line] = prng.pick(open);
    out.push(addReturn(seller, now, po, line, 1, prng.pick(REASONS), 'INITIATED'));
  }
  if (out.length === 0) throw badRequest('no dispatched PO lines left to return');
  return out;
}
