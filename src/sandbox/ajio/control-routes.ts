// The control API under /__sandbox/ (never on the real AJIO): JSON in and out, no apiKey,
// never throttled. See docs/sandbox.md.
import type { FastifyInstance } from 'fastify';
import type { ProductInput } from './catalog.ts';
import { generateCatalog } from './catalog-generator.ts';
import { badRequest } from './errors.ts';
import { parsePendencyItemId, parsePendencyOrderId, pendencyItemId, pendencyOrderId } from './ids.ts';
import {
  customerCancelLine,
  generateCustomerOrders,
  placeCustomerOrders,
  raisePurchaseOrders,
  type CancelResult,
  type CustomerOrderInput,
} from './marketplace.ts';
import { effectiveQty } from './purchase-orders.ts';
import { RECEIVED_KINDS, type ReceivedKind } from './received.ts';
import { createReturns, returnJson } from './returns.ts';
import type { Seller, SellerInput } from './seller.ts';
import type { SandboxState } from './state.ts';
import { asObject } from './validate.ts';

type Params = { username: string };

export function sellerSummary(s: Seller) {
  return {
    username: s.username,
    password: s.password,
    name: s.name,
    gstin: s.gstin,
    stateCode: s.stateCode,
    invoiceSeries: s.series,
    invoiceRoundOff: s.invoiceRoundOff,
    nextInvoiceNumber: s.nextInvoiceNo,
    products: s.catalog.products.length,
    variants: s.catalog.variants.length,
    pendencyOrders: s.pendency.orderCount,
    pendencyLines: s.pendency.lineCount,
    openPendencyOrders: s.pendency.openOrders().length,
    purchaseOrders: s.pos.length,
    manifests: s.manifests.size,
    returns: s.returns.length,
  };
}

function pendencyOrderView(seller: Seller, order: number) {
  const p = seller.pendency;
  const orderId = pendencyOrderId(seller.idPrefix, order);
  const [start, end] = p.lineRange(order);
  const lines = [];
  for (let l = start; l < end; l++) {
    lines.push({
      order_item_id: pendencyItemId(orderId, l - start + 1),
      sku: seller.catalog.variants[p.lineVariant.get(l)].variantId,
      quantity: p.lineOrdered.get(l),
    });
  }
  return { order_id: orderId, order_date: p.orderDate.get(order), order_lines: lines };
}

function customerCancel(seller: Seller, raw: unknown): { order_id: string; order_lines: CancelResult[] } {
  const c = asObject(raw, 'cancellation');
  const orderId = String(c.orderId ?? c.order_id ?? '');
  const order = parsePendencyOrderId(seller.idPrefix, orderId);
  if (order === undefined || order >= seller.pendency.orderCount) throw badRequest(`unknown pendency order ${orderId}`);
  const p = seller.pendency;
  const [start, end] = p.lineRange(order);
  const lines = Array.isArray(c.lines) ? (c.lines as { order_item_id?: string; quantity?: number }[]) : undefined;
  const results = lines
    ? lines.map((l) => {
        const parsed = parsePendencyItemId(seller.idPrefix, String(l.order_item_id));
        const line = parsed && parsed.orderIndex === order ? p.lineOf(order, parsed.lineNo) : undefined;
        if (line === undefined)
          return {
            order_item_id: String(l.order_item_id),
            cancelled_quantity: 0,
            error_message: 'unknown order_item_id',
          };
        return customerCancelLine(seller, line, l.quantity);
      })
    : Array.from({ length: end - start }, (_, i) => customerCancelLine(seller, start + i, undefined));
  return { order_id: orderId, order_lines: results };
}

export async function controlRoutes(app: FastifyInstance, opts: { state: SandboxState }) {
  const { state } = opts;
  app.addHook('onResponse', async (request) => {
    if (request.method !== 'GET') state.onChange();
  });

  app.post('/reset', async () => {
    state.reset();
    return { ok: true };
  });

  app.get('/sellers', async () => ({ sellers: [...state.sellers.values()].map(sellerSummary) }));
  app.post('/sellers', async (request) =>
    sellerSummary(state.addSeller(asObject(request.body) as unknown as SellerInput)),
  );
  app.get<{ Params: Params }>('/sellers/:username', async (request) =>
    sellerSummary(state.seller(request.params.username)),
  );

  app.post<{ Params: Params }>('/sellers/:username/catalog', async (request) => {
    const seller = state.seller(request.params.username);
    const body = asObject(request.body);
    let inputs: ProductInput[];
    if (Array.isArray(body.products)) inputs = body.products as ProductInput[];
    else {
      const styles = body.styles;
      if (typeof styles !== 'number' || !Number.isInteger(styles) || styles < 1)
        throw badRequest('styles must be a positive integer (or give products:[...])');
      inputs = generateCatalog(seller.catalog, {
        styles,
        seed: typeof body.seed === 'number' ? body.seed : 1,
        initialInventory: typeof body.initialInventory === 'number' ? body.initialInventory : 0,
        publishedRatio: typeof body.publishedRatio === 'number' ? body.publishedRatio : undefined,
      });
    }
    const before = seller.catalog.variants.length;
    let nextId = 300_000_000 + seller.catalog.products.length;
    for (const [i, p] of inputs.entries()) {
      if (
        !p ||
        !Array.isArray(p.variants) ||
        typeof p.brand !== 'string' ||
        typeof p.title !== 'string' ||
        typeof p.hsn !== 'string'
      ) {
        throw badRequest(`products[${i}] needs brand, title, hsn and variants[]`);
      }
      try {
        seller.catalog.addProduct(p, () => {
          while (seller.catalog.hasProductId(String(nextId))) nextId++;
          return String(nextId++);
        });
      } catch (err) {
        throw badRequest(`products[${i}]: ${(err as Error).message}`);
      }
    }
    return {
      productsAdded: inputs.length,
      variantsAdded: seller.catalog.variants.length - before,
      products: seller.catalog.products.length,
      variants: seller.catalog.variants.length,
    };
  });

  app.get<{ Params: Params }>('/sellers/:username/catalog', async (request) => {
    const seller = state.seller(request.params.username);
    return { products: seller.catalog.products.map((p) => seller.catalog.productJson(p)) };
  });

  app.post<{ Params: Params }>('/sellers/:username/customer-orders', async (request) => {
    const seller = state.seller(request.params.username);
    const body = asObject(request.body);
    let first: number;
    let count: number;
    if (Array.isArray(body.orders)) {
      const indices = placeCustomerOrders(seller, state.now(), body.orders as CustomerOrderInput[]);
      first = indices[0] ?? seller.pendency.orderCount;
      count = indices.length;
    } else if (typeof body.count === 'number' && Number.isInteger(body.count) && body.count > 0) {
      ({ first, count } = generateCustomerOrders(seller, state.now(), {
        count: body.count,
        seed: typeof body.seed === 'number' ? body.seed : 1,
        maxLines: body.maxLines as number | undefined,
        maxQuantity: body.maxQuantity as number | undefined,
        warehouse: body.warehouse as string | undefined,
      }));
    } else throw badRequest('give orders:[{lines:[{sku, quantity}]}] or a positive integer count');
    // Large generated loads answer with a count only; small ones list the orders created.
    const orders =
      count <= 1000 ? Array.from({ length: count }, (_, i) => pendencyOrderView(seller, first + i)) : undefined;
    return { created: count, orders };
  });

  app.post<{ Params: Params }>('/sellers/:username/customer-cancellations', async (request) => {
    const seller = state.seller(request.params.username);
    const body = asObject(request.body);
    const list = Array.isArray(body.cancellations) ? body.cancellations : [body];
    return { results: list.map((c) => customerCancel(seller, c)) };
  });

  app.post<{ Params: Params }>('/sellers/:username/purchase-orders', async (request) => {
    const seller = state.seller(request.params.username);
    const body = (request.body ?? {}) as { olderThanSeconds?: number };
    const now = state.now();
    const pos = raisePurchaseOrders(seller, now, now - (body.olderThanSeconds ?? 0), state.market);
    return {
      purchaseOrders: pos.map((po) => ({
        order_id: po.orderId,
        po_number: po.poNumber,
        po_date: po.poDate,
        lines: po.lines.length,
        units: po.lines.reduce((n, l) => n + effectiveQty(l), 0),
      })),
    };
  });

  app.post<{ Params: Params }>('/sellers/:username/returns', async (request) => {
    const seller = state.seller(request.params.username);
    return { returns: createReturns(seller, state.now(), request.body ?? {}).map(returnJson) };
  });

  // What the seller's account received, all kinds: `nothing` is true when no write arrived at all.
  app.get<{ Params: Params }>('/sellers/:username/received', async (request) =>
    state.seller(request.params.username).received.summary(),
  );

  app.get<{ Params: Params & { kind: string } }>('/sellers/:username/received/:kind', async (request) => {
    const seller = state.seller(request.params.username);
    const kind = request.params.kind as ReceivedKind;
    if (!RECEIVED_KINDS.includes(kind)) throw badRequest(`kind must be one of ${RECEIVED_KINDS.join(', ')}`);
    return seller.received.view(kind);
  });

  const clockView = () => ({ now: state.now(), offsetSeconds: state.clock.offsetSeconds });
  app.get('/clock', async () => clockView());
  app.post('/clock', async (request) => {
    const body = asObject(request.body);
    const seconds = body.advanceSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
      throw badRequest('advanceSeconds must be a non-negative number');
    state.clock.advance(seconds);
    for (const seller of state.sellers.values()) state.tick(seller);
    return clockView();
  });

  app.get('/faults', async () => state.faults.list());
  app.delete('/faults', async () => {
    state.faults.clear();
    return state.faults.list();
  });
  app.post('/faults', async (request) => {
    const body = asObject(request.body);
    const rules = Array.isArray(body.faults) ? body.faults : body.route !== undefined ? [body] : [];
    const skus = Array.isArray(body.skuFailures) ? body.skuFailures : [];
    const fields = Array.isArray(body.fieldFaults) ? body.fieldFaults : [];
    if (rules.length === 0 && skus.length === 0 && fields.length === 0)
      throw badRequest('give a fault {route, type, count}, faults:[...], skuFailures:[...] or fieldFaults:[...]');
    for (const r of rules) state.faults.add(r);
    for (const f of skus) state.faults.addSkuFailure(f);
    for (const f of fields) state.faults.addFieldFault(f);
    return state.faults.list();
  });
}
