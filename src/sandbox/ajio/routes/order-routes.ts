// GET /orders/pendency, GET /orders (by filter or by orderIds) and POST /orders/cancel.
import type { FastifyInstance } from 'fastify';
import { sellerCancel } from '../cancellation.ts';
import { badRequest } from '../errors.ts';
import { pendencyItemId, pendencyOrderId } from '../ids.ts';
import { rupees, gstRateFor, taxFor, totalTax } from '../money.ts';
import { poJson, type PoStatus, type PurchaseOrder } from '../purchase-orders.ts';
import { MAX_PAGE_SIZE, pageBlock, paging, queryValue, timeParam, type Query } from '../query.ts';
import type { Seller } from '../seller.ts';
import { baseOf, sellerOf, type RouteDeps } from './context.ts';

const STATUSES: PoStatus[] = ['CONFIRMED', 'CANCELLED', 'PACKED', 'READY_TO_DISPATCH', 'DISPATCHED', 'DELIVERED'];

function pendencyOrderJson(seller: Seller, order: number) {
  const p = seller.pendency;
  const orderId = pendencyOrderId(seller.idPrefix, order);
  const [start, end] = p.lineRange(order);
  const lines = [];
  for (let line = start; line < end; line++) {
    const open = p.lineOpen.get(line);
    if (open <= 0) continue; // cancelled or already in a PO: the line drops out
    const v = seller.catalog.variants[p.lineVariant.get(line)];
    const base = v.b2bBasePaise;
    lines.push({
      order_item_id: pendencyItemId(orderId, line - start + 1),
      sku: v.variantId,
      product_id: v.product.productId,
      variant_id: v.variantId,
      seller_sku: v.sellerSku,
      ordered_quantity: open,
      mrp: rupees(v.mrpPaise),
      unit_price: rupees(p.lineUnitPrice.get(line)),
      b2b_base_price: rupees(base),
      b2b_tax: rupees(totalTax(taxFor(base, gstRateFor(base), false))),
    });
  }
  return { order_id: orderId, order_date: p.orderDate.get(order), status: 'PENDENCY', order_lines: lines };
}

function statusFilter(q: Query): Set<PoStatus> | undefined {
  const raw = queryValue(q, 'status');
  if (!raw) return undefined;
  const wanted = raw.split(',').map((s) => s.trim().toUpperCase());
  for (const s of wanted)
    if (!STATUSES.includes(s as PoStatus)) throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
  return new Set(wanted as PoStatus[]);
}

function pageJson(pos: PurchaseOrder[], seller: Seller, base: string, page: ReturnType<typeof pageBlock>): string {
  // Cached per-PO JSON strings joined: no re-serialisation of unchanged POs.
  let body = '{"orders":[';
  for (let i = 0; i < pos.length; i++) body += (i ? ',' : '') + poJson(pos[i], seller.catalog, base);
  return `${body}],"page":${JSON.stringify(page)}}`;
}

export async function orderRoutes(app: FastifyInstance, deps: RouteDeps) {
  app.get('/orders/pendency', async (request) => {
    const q = request.query as Query;
    const seller = sellerOf(request);
    const page = paging(q);
    const from = timeParam(q, 'orderDateFrom');
    const to = timeParam(q, 'orderDateTo');
    const open = seller.pendency.openOrders();
    const lo = from === undefined ? 0 : seller.pendency.lowerBound(open, from);
    const hi = to === undefined ? open.length : seller.pendency.lowerBound(open, to + 1);
    const total = Math.max(0, hi - lo);
    const start = lo + (page.number - 1) * page.size;
    const orders = [];
    for (let k = start; k < Math.min(hi, start + page.size); k++) orders.push(pendencyOrderJson(seller, open[k]));
    return { orders, page: pageBlock(page, total) };
  });

  app.get('/orders', async (request, reply) => {
    const q = request.query as Query;
    const seller = sellerOf(request);
    const base = baseOf(request, deps);
    reply.type('application/json; charset=utf-8');
    const ids = queryValue(q, 'orderIds');
    if (ids !== undefined) {
      const list = ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.length > MAX_PAGE_SIZE) throw badRequest(`at most ${MAX_PAGE_SIZE} orderIds per call`);
      const found = list
        .map((id) => seller.posByOrderId.get(id) ?? seller.posByNumber.get(id))
        .filter((po): po is PurchaseOrder => !!po);
      return pageJson(found, seller, base, pageBlock({ number: 1, size: MAX_PAGE_SIZE }, found.length));
    }
    const page = paging(q);
    const statuses = statusFilter(q);
    const from = timeParam(q, 'poDateFrom');
    const to = timeParam(q, 'poDateTo');
    const start = (page.number - 1) * page.size;
    const hits: PurchaseOrder[] = [];
    let total = 0;
    for (const po of seller.pos) {
      if (statuses && !statuses.has(po.status)) continue;
      if (from !== undefined && po.poDate < from) continue;
      if (to !== undefined && po.poDate > to) continue;
      if (total >= start && hits.length < page.size) hits.push(po);
      total++;
    }
    return pageJson(hits, seller, base, pageBlock(page, total));
  });

  app.post('/orders/cancel', async (request) => sellerCancel(sellerOf(request), deps.state.now(), request.body));
}
