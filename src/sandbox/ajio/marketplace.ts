// AJIO's side of the marketplace: customer orders become pendency, customers cancel,
// POs are raised from open pendency (on a schedule of sandbox time or on demand) and
// dispatched POs are delivered after a while.
import { badRequest } from './errors.ts';
import { pendencyItemId, pendencyOrderId, poItemId, poNumber, poOrderId } from './ids.ts';
import { gstRateFor } from './money.ts';
import type { NewLine } from './pendency.ts';
import { Prng } from './prng.ts';
import { touch, type PoLine, type PurchaseOrder } from './purchase-orders.ts';
import type { Seller } from './seller.ts';
import { WAREHOUSES, warehouseIndex } from './warehouses.ts';

export interface MarketConfig {
  /** Raise POs every N sandbox-seconds from the seller's creation (0 = only on demand). */
  poEverySeconds: number;
  /** Only pendency at least this old goes into a scheduled PO. */
  poMinAgeSeconds: number;
  /** At most this many SKU lines per PO; more open SKUs give several POs. */
  poMaxLines: number;
  /** A dispatched PO becomes DELIVERED this many sandbox-seconds later (0 = never). */
  deliverAfterSeconds: number;
}

export const DEFAULT_MARKET: MarketConfig = {
  poEverySeconds: 6 * 3600,
  poMinAgeSeconds: 0,
  poMaxLines: 100,
  deliverAfterSeconds: 3 * 86400,
};

export interface CustomerOrderInput {
  warehouse?: string;
  lines: { sku: string; quantity?: number }[];
}

function takeStock(seller: Seller, variant: number, quantity: number): void {
  const inv = seller.catalog.inventory;
  inv.set(variant, Math.max(0, inv.get(variant) - quantity));
  seller.catalog.pendency.add(variant, quantity);
}

/** Explicit orders, taken as given whatever AJIO-side stock is; each becomes one pendency order. */
export function placeCustomerOrders(seller: Seller, now: number, orders: CustomerOrderInput[]): number[] {
  const prepared = orders.map((o, i) => {
    if (!Array.isArray(o.lines) || o.lines.length === 0)
      throw badRequest(`orders[${i}]: lines must be a non-empty array`);
    let warehouse = 0;
    if (o.warehouse !== undefined) {
      warehouse = warehouseIndex(String(o.warehouse));
      if (warehouse < 0)
        throw badRequest(
          `orders[${i}]: unknown warehouse ${o.warehouse} (${WAREHOUSES.map((w) => w.code).join(', ')})`,
        );
    }
    const lines: NewLine[] = o.lines.map((l, j) => {
      const v = seller.catalog.resolve(String(l.sku));
      if (!v) throw badRequest(`orders[${i}].lines[${j}]: unknown sku ${l.sku}`);
      const quantity = l.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1)
        throw badRequest(`orders[${i}].lines[${j}]: quantity must be a positive integer`);
      return { variant: v.index, quantity, unitPricePaise: v.listingPricePaise };
    });
    return { warehouse, lines };
  });
  return prepared.map(({ warehouse, lines }) => {
    for (const l of lines) takeStock(seller, l.variant, l.quantity);
    return seller.pendency.addOrder(now, warehouse, lines);
  });
}

export interface GeneratedOrdersInput {
  count: number;
  seed: number;
  maxLines?: number;
  maxQuantity?: number;
  warehouse?: string;
}

/** `count` orders over live variants, deterministic from the seed. Returns the first index. */
export function generateCustomerOrders(
  seller: Seller,
  now: number,
  input: GeneratedOrdersInput,
): { first: number; count: number } {
  const live = seller.catalog.variants.filter((v) => v.live);
  if (live.length === 0) throw badRequest('the seller has no live variants; seed a catalogue first');
  const prng = new Prng(input.seed);
  const maxLines = Math.max(1, input.maxLines ?? 3);
  const maxQty = Math.max(1, input.maxQuantity ?? 2);
  const fixedWarehouse = input.warehouse === undefined ? -1 : warehouseIndex(input.warehouse);
  if (input.warehouse !== undefined && fixedWarehouse < 0) throw badRequest(`unknown warehouse ${input.warehouse}`);
  seller.pendency.reserve(input.count, Math.ceil((input.count * (maxLines + 1)) / 2));
  const first = seller.pendency.orderCount;
  const lines: NewLine[] = [];
  for (let i = 0; i < input.count; i++) {
    lines.length = 0;
    const n = prng.int(1, maxLines);
    for (let j = 0; j < n; j++) {
      const v = prng.pick(live);
      const quantity = prng.int(1, maxQty);
      takeStock(seller, v.index, quantity);
      lines.push({ variant: v.index, quantity, unitPricePaise: v.listingPricePaise });
    }
    const warehouse = fixedWarehouse >= 0 ? fixedWarehouse : prng.int(0, WAREHOUSES.length - 1);
    seller.pendency.addOrder(now, warehouse, lines);
  }
  return { first, count: input.count };
}

export interface CancelResult {
  order_item_id: string;
  cancelled_quantity: number;
  error_message?: string;
}

/**
 * Customer cancellation of one pendency line: open quantity first (the line shrinks or
 * vanishes from pendency), then quantity already in a PO that is not yet invoiced
 * (customer_cancelled_qty on the PO line).
 */
export function customerCancelLine(seller: Seller, line: number, requested: number | undefined): CancelResult {
  const p = seller.pendency;
  const order = p.orderOfLine(line);
  const itemId = pendencyItemId(pendencyOrderId(seller.idPrefix, order), line - p.orderLineStart.get(order) + 1);
  const variant = p.lineVariant.get(line);
  const fromOpen = Math.min(p.lineOpen.get(line), requested ?? Infinity);
  let rest = (requested ?? Infinity) - fromOpen;
  if (fromOpen > 0) {
    p.lineOpen.add(line, -fromOpen);
    p.lineCustomerCancelled.add(line, fromOpen);
    seller.catalog.pendency.add(variant, -fromOpen);
    p.invalidate();
  }
  let fromPo = 0;
  const poIndex = p.linePo.get(line);
  if (rest > 0 && poIndex >= 0) {
    const po = seller.pos[poIndex];
    const poLine = po.lines.find((l) => l.pendencyLines.includes(line));
    if (po.status === 'CONFIRMED' && poLine) {
      const inPo = p.lineOrdered.get(line) - p.lineCustomerCancelled.get(line) - p.lineSellerCancelled.get(line);
      fromPo = Math.min(rest, inPo, poLine.quantity - poLine.customerCancelled - poLine.sellerCancelled);
      if (fromPo > 0) {
        poLine.customerCancelled += fromPo;
        p.lineCustomerCancelled.add(line, fromPo);
        seller.catalog.blocked.add(variant, -fromPo);
        if (po.lines.every((l) => l.quantity - l.customerCancelled - l.sellerCancelled === 0)) po.status = 'CANCELLED';
        touch(po);
      }
      rest -= fromPo;
    } else if (fromOpen === 0) {
      return {
        order_item_id: itemId,
        cancelled_quantity: 0,
        error_message: `PO ${po.poNumber} is ${po.status}; cancellation is no longer possible`,
      };
    }
  }
  const cancelled = fromOpen + fromPo;
  if (cancelled === 0) return { order_item_id: itemId, cancelled_quantity: 0, error_message: 'nothing left to cancel' };
  if (requested !== undefined && rest > 0 && Number.isFinite(rest)) {
    return {
      order_item_id: itemId,
      cancelled_quantity: cancelled,
      error_message: `only ${cancelled} of ${requested} could be cancelled`,
    };
  }
  return { order_item_id: itemId, cancelled_quantity: cancelled };
}

/** Combines open pendency dated at or before `cutoff` into POs: per warehouse, one line per SKU. */
export function raisePurchaseOrders(
  seller: Seller,
  poDate: number,
  cutoff: number,
  cfg: MarketConfig,
): PurchaseOrder[] {
  const p = seller.pendency;
  const open = p.openOrders();
  const groups = new Map<number, Map<number, number[]>>();
  for (let k = 0; k < open.length; k++) {
    const order = open[k];
    if (p.orderDate.get(order) > cutoff) break;
    const wh = p.orderWarehouse.get(order);
    const bySku = groups.get(wh) ?? new Map();
    groups.set(wh, bySku);
    const [start, end] = p.lineRange(order);
    for (let line = start; line < end; line++) {
      if (p.lineOpen.get(line) <= 0) continue;
      const variant = p.lineVariant.get(line);
      const list = bySku.get(variant);
      if (list) list.push(line);
      else bySku.set(variant, [line]);
    }
  }
  const created: PurchaseOrder[] = [];
  for (const wh of [...groups.keys()].sort((a, b) => a - b)) {
    const entries = [...groups.get(wh)!.entries()];
    for (let i = 0; i < entries.length; i += cfg.poMaxLines) {
      created.push(createPo(seller, poDate, wh, entries.slice(i, i + cfg.poMaxLines)));
    }
  }
  if (created.length > 0) p.invalidate();
  return created;
}

function createPo(seller: Seller, poDate: number, warehouse: number, entries: [number, number[]][]): PurchaseOrder {
  const p = seller.pendency;
  const n = ++seller.counters.po;
  const orderId = poOrderId(seller.idPrefix, n);
  const po: PurchaseOrder = {
    index: seller.pos.length,
    orderId,
    poNumber: poNumber(seller.idPrefix, n),
    poDate,
    warehouse,
    interState: WAREHOUSES[warehouse].stateCode !== seller.stateCode,
    status: 'CONFIRMED',
    lines: [],
  };
  entries.forEach(([variant, lines], i) => {
    const v = seller.catalog.variants[variant];
    let quantity = 0;
    for (const line of lines) {
      const q = p.lineOpen.get(line);
      quantity += q;
      p.lineOpen.set(line, 0);
      p.linePo.set(line, po.index);
    }
    seller.catalog.pendency.add(variant, -quantity);
    seller.catalog.blocked.add(variant, quantity);
    const poLine: PoLine = {
      itemId: poItemId(orderId, i + 1),
      variant,
      pendencyLines: lines,
      pendencyItemIds: lines.map((line) => {
        const order = p.orderOfLine(line);
        return pendencyItemId(pendencyOrderId(seller.idPrefix, order), line - p.orderLineStart.get(order) + 1);
      }),
      quantity,
      customerCancelled: 0,
      sellerCancelled: 0,
      shortPicked: 0,
      mrpPaise: v.mrpPaise,
      basePaise: v.b2bBasePaise,
      gstRate: gstRateFor(v.b2bBasePaise),
    };
    po.lines.push(poLine);
  });
  seller.pos.push(po);
  seller.posByOrderId.set(po.orderId, po);
  seller.posByNumber.set(po.poNumber, po);
  return po;
}

/** Lazy scheduler: applies PO runs and deliveries that are due on the sandbox clock. */
export function tick(seller: Seller, now: number, cfg: MarketConfig): void {
  if (cfg.poEverySeconds > 0) {
    if (seller.nextPoAt === 0) seller.nextPoAt = seller.createdAt + cfg.poEverySeconds;
    if (now >= seller.nextPoAt) {
      // Skip runs that would find nothing new: only the last due boundary matters.
      const due = Math.floor((now - seller.nextPoAt) / cfg.poEverySeconds);
      const at = seller.nextPoAt + due * cfg.poEverySeconds;
      raisePurchaseOrders(seller, at, at - cfg.poMinAgeSeconds, cfg);
      seller.nextPoAt = at + cfg.poEverySeconds;
    }
  }
  if (cfg.deliverAfterSeconds > 0) {
    while (seller.deliveredUpTo < seller.dispatchOrder.length) {
      const po = seller.pos[seller.dispatchOrder[seller.deliveredUpTo]];
      const at = (po.dispatchedAt ?? 0) + cfg.deliverAfterSeconds;
      if (at > now) break;
      if (po.status === 'DISPATCHED') {
        po.status = 'DELIVERED';
        po.deliveredAt = at;
        touch(po);
      }
      seller.deliveredUpTo++;
    }
  }
}
