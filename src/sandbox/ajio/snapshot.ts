// Optional persistence: the whole state as one JSON file (typed columns as base64), written
// atomically (temp file + rename) a short while after changes and on close, read on start.
// Tokens, throttle counters, faults and rendered PDFs are not kept: clients log in again.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Catalog, ProductInput } from './catalog.ts';
import type { PendencyStore } from './pendency.ts';
import type { PurchaseOrder } from './purchase-orders.ts';
import { ReceivedLog } from './received.ts';
import { Seller } from './seller.ts';
import type { SandboxState } from './state.ts';

const VERSION = 1;

function catalogToJson(c: Catalog) {
  return {
    products: c.products.map(
      (p): ProductInput => ({
        productId: p.productId,
        brand: p.brand,
        title: p.title,
        hsn: p.hsn,
        published: p.published,
        variants: p.variants.map((v) => ({
          variantId: v.variantId,
          sellerSku: v.sellerSku,
          ean: v.ean,
          size: v.size,
          color: v.color,
          mrp: v.mrpPaise / 100,
          listingPrice: v.listingPricePaise / 100,
          b2bBasePrice: v.b2bBasePaise / 100,
          live: v.live,
        })),
      }),
    ),
    inventory: c.inventory.toBase64(),
    blocked: c.blocked.toBase64(),
    pendency: c.pendency.toBase64(),
  };
}

const PENDENCY_COLUMNS = [
  'orderDate',
  'orderWarehouse',
  'orderLineStart',
  'lineVariant',
  'lineOrdered',
  'lineOpen',
  'lineCustomerCancelled',
  'lineSellerCancelled',
  'linePo',
  'lineUnitPrice',
] as const;

function pendencyToJson(p: PendencyStore) {
  return Object.fromEntries(PENDENCY_COLUMNS.map((k) => [k, p[k].toBase64()]));
}

function sellerToJson(s: Seller) {
  return {
    username: s.username,
    password: s.password,
    invoiceSeries: s.series,
    invoiceRoundOff: s.invoiceRoundOff,
    stateCode: s.stateCode,
    gstin: s.gstin,
    name: s.name,
    idPrefix: s.idPrefix,
    createdAt: s.createdAt,
    nextInvoiceNo: s.nextInvoiceNo,
    catalog: catalogToJson(s.catalog),
    pendency: pendencyToJson(s.pendency),
    pos: s.pos.map(({ cache: _cache, ...po }) => po),
    boxesInUse: [...s.boxesInUse],
    manifests: [...s.manifests.values()],
    returns: s.returns,
    counters: s.counters,
    nextPoAt: s.nextPoAt,
    dispatchOrder: s.dispatchOrder,
    deliveredUpTo: s.deliveredUpTo,
    received: s.received.toJSON(),
  };
}

type SellerJson = ReturnType<typeof sellerToJson>;

function sellerFromJson(j: SellerJson): Seller {
  const s = new Seller(j, 0, j.createdAt);
  Object.assign(s, {
    idPrefix: j.idPrefix,
    nextInvoiceNo: j.nextInvoiceNo,
    counters: j.counters,
    nextPoAt: j.nextPoAt,
  });
  Object.assign(s, { dispatchOrder: j.dispatchOrder, deliveredUpTo: j.deliveredUpTo, returns: j.returns });
  for (const p of j.catalog.products) s.catalog.addProduct(p, () => p.productId!);
  s.catalog.inventory.load(j.catalog.inventory);
  s.catalog.blocked.load(j.catalog.blocked);
  s.catalog.pendency.load(j.catalog.pendency);
  for (const k of PENDENCY_COLUMNS) s.pendency[k].load((j.pendency as Record<string, string>)[k]);
  s.pendency.invalidate();
  s.pos = j.pos as PurchaseOrder[];
  for (const po of s.pos) {
    s.posByOrderId.set(po.orderId, po);
    s.posByNumber.set(po.poNumber, po);
  }
  s.boxesInUse = new Map(j.boxesInUse);
  s.manifests = new Map(j.manifests.map((m) => [m.id, m]));
  s.received = ReceivedLog.fromJSON(j.received);
  return s;
}

export function saveSnapshot(state: SandboxState, file: string): void {
  const data = {
    version: VERSION,
    savedAt: new Date().toISOString(),
    clockOffsetSeconds: state.clock.offsetSeconds,
    serial: state.serial,
    sellers: [...state.sellers.values()].map(sellerToJson),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}

/** Loads `file` into `state` if it exists; returns whether it did. */
export function loadSnapshot(state: SandboxState, file: string): boolean {
  if (!existsSync(file)) return false;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (data.version !== VERSION)
    throw new Error(`snapshot ${file} has version ${data.version}; this sandbox reads version ${VERSION}`);
  state.reset();
  state.clock.offsetSeconds = data.clockOffsetSeconds ?? 0;
  state.serial = data.serial ?? 0;
  for (const j of data.sellers as SellerJson[]) state.sellers.set(j.username, sellerFromJson(j));
  return true;
}

/** Saves at most once per `delayMs` after changes, and always on flush(). */
export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: SandboxState,
    private readonly file: string,
    private readonly delayMs = 1000,
  ) {}

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      saveSnapshot(this.state, this.file);
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    saveSnapshot(this.state, this.file);
  }
}
