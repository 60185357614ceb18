// A small typed client of the /__sandbox/ control API, for tests and scripts.
import type { InvoiceSeries } from './seller.ts';
import type { FaultType, FieldAction } from './faults.ts';
import type { ReceivedKind } from './received.ts';

export interface SellerSummary {
  username: string;
  password: string;
  name: string;
  gstin: string;
  stateCode: string;
  invoiceSeries: InvoiceSeries;
  invoiceRoundOff: boolean;
  nextInvoiceNumber: number;
  products: number;
  variants: number;
  pendencyOrders: number;
  pendencyLines: number;
  openPendencyOrders: number;
  purchaseOrders: number;
  manifests: number;
  returns: number;
}

export interface CatalogVariant {
  variantId: string;
  sku: string;
  sellerSku: string;
  ean: string;
  size: string;
  color: string;
  mrp: number;
  listingPrice: number;
  live: boolean;
  inventory: number;
  blockedInventory: number;
  pendency: number;
}

export interface CatalogProduct {
  productId: string;
  brand: string;
  title: string;
  hsn: string;
  publishedStatus: 'PUBLISHED' | 'UNPUBLISHED';
  variants: CatalogVariant[];
}

export interface ProductSpec {
  productId?: string;
  brand: string;
  title: string;
  hsn: string;
  published?: boolean;
  variants: {
    variantId?: string;
    sellerSku: string;
    ean: string;
    size: string;
    color: string;
    mrp: number;
    listingPrice: number;
    b2bBasePrice?: number;
    live?: boolean;
    inventory?: number;
  }[];
}

export interface CustomerOrderSpec {
  /** AJIO warehouse code: BLR1 (default), BHW1 or GGN1. */
  warehouse?: string;
  /** `sku` may be the AJIO SKU, the seller SKU or the EAN. */
  lines: { sku: string; quantity?: number }[];
}

export interface PlacedOrder {
  order_id: string;
  order_date: number;
  order_lines: { order_item_id: string; sku: string; quantity: number }[];
}

export interface CancelSpec {
  orderId: string;
  /** Omit to cancel the whole order. */
  lines?: { order_item_id: string; quantity?: number }[];
}

export interface CancelOutcome {
  order_id: string;
  order_lines: { order_item_id: string; cancelled_quantity: number; error_message?: string }[];
}

export interface RaisedPo {
  order_id: string;
  po_number: string;
  po_date: number;
  lines: number;
  units: number;
}

export interface ReturnSpec {
  po_number?: string;
  order_id?: string;
  order_item_id?: string;
  sku?: string;
  quantity?: number;
  reason?: string;
  status?: string;
}

export interface ReturnRecordJson {
  return_id: string;
  po_number: string;
  order_item_id: string;
  sku: string;
  quantity: number;
  reason: string;
  awb: string;
  created_at: number;
  status: string;
}

export interface FaultSpec {
  /** "METHOD /path" relative to the prefix; `*` wildcards; e.g. "POST /updateInventory", "GET /documents/*". */
  route: string;
  type: FaultType;
  /** Next N matching calls (default 1; -1 until cleared). */
  count?: number;
  latencyMs?: number;
  holdMs?: number;
  retryAfter?: number;
  /** Let the handler run first (500, timeout): state changes but the reply is lost. */
  processed?: boolean;
}

/** A change to the JSON answer of a call (see FieldFaultRule in faults.ts). */
export interface FieldFaultSpec {
  /** "METHOD /path" relative to the prefix, as for FaultSpec. */
  route: string;
  /** Dotted path with `[*]` for array elements, e.g. "orders[*].order_lines[*].tax_summary". */
  path: string;
  action: FieldAction;
  /** rename: the new field name. */
  to?: string;
  /** retype: the value put in its place (default "abc"). */
  value?: unknown;
  /** Next N matching calls (default 1; -1 until cleared). */
  count?: number;
}

export interface FaultList {
  faults: FaultSpec[];
  skuFailures: SkuFailureSpec[];
  fieldFaults: FieldFaultSpec[];
}

export interface SkuFailureSpec {
  sku: string;
  message?: string;
  count?: number;
}

export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`sandbox control call failed with ${status}: ${JSON.stringify(body)}`);
  }
}

export class SandboxControl {
  /** `origin` is the sandbox's scheme://host:port (the control API ignores the contract prefix). */
  constructor(readonly origin: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.origin}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new SandboxControlError(res.status, parsed);
    return parsed as T;
  }

  private sellerPath(username: string, rest: string) {
    return `/sellers/${encodeURIComponent(username)}${rest}`;
  }

  reset(): Promise<{ ok: true }> {
    return this.call('POST', '/reset', {});
  }

  addSeller(seller: {
    username: string;
    password: string;
    invoiceSeries?: InvoiceSeries;
    stateCode?: string;
    gstin?: string;
    name?: string;
    invoiceRoundOff?: boolean;
  }): Promise<SellerSummary> {
    return this.call('POST', '/sellers', seller);
  }

  sellers(): Promise<{ sellers: SellerSummary[] }> {
    return this.call('GET', '/sellers');
  }

  seller(username: string): Promise<SellerSummary> {
    return this.call('GET', this.sellerPath(username, ''));
  }

  seedCatalog(
    username: string,
    spec:
      | { styles: number; seed?: number; initialInventory?: number; publishedRatio?: number }
      | { products: ProductSpec[] },
  ): Promise<{ productsAdded: number; variantsAdded: number; products: number; variants: number }> {
    return this.call('POST', this.sellerPath(username, '/catalog'), spec);
  }

  async getCatalog(username: string): Promise<CatalogProduct[]> {
    return (await this.call<{ products: CatalogProduct[] }>('GET', this.sellerPath(username, '/catalog'))).products;
  }

  placeCustomerOrders(
    username: string,
    orders:
      | CustomerOrderSpec[]
      | { count: number; seed?: number; maxLines?: number; maxQuantity?: number; warehouse?: string },
  ): Promise<{ created: number; orders?: PlacedOrder[] }> {
    return this.call(
      'POST',
      this.sellerPath(username, '/customer-orders'),
      Array.isArray(orders) ? { orders } : orders,
    );
  }

  async cancelCustomerOrders(username: string, cancellations: CancelSpec[]): Promise<CancelOutcome[]> {
    return (
      await this.call<{ results: CancelOutcome[] }>('POST', this.sellerPath(username, '/customer-cancellations'), {
        cancellations,
      })
    ).results;
  }

  async raisePurchaseOrders(username: string, opts: { olderThanSeconds?: number } = {}): Promise<RaisedPo[]> {
    return (
      await this.call<{ purchaseOrders: RaisedPo[] }>('POST', this.sellerPath(username, '/purchase-orders'), opts)
    ).purchaseOrders;
  }

  async createReturns(
    username: string,
    spec: ReturnSpec[] | { count: number; seed?: number },
  ): Promise<ReturnRecordJson[]> {
    const body = Array.isArray(spec) ? { returns: spec } : spec;
    return (await this.call<{ returns: ReturnRecordJson[] }>('POST', this.sellerPath(username, '/returns'), body))
      .returns;
  }

  advanceClock(seconds: number): Promise<{ now: number; offsetSeconds: number }> {
    return this.call('POST', '/clock', { advanceSeconds: seconds });
  }

  clock(): Promise<{ now: number; offsetSeconds: number }> {
    return this.call('GET', '/clock');
  }

  injectFaults(
    spec:
      | FaultSpec
      | FaultSpec[]
      | { faults?: FaultSpec[]; skuFailures?: SkuFailureSpec[]; fieldFaults?: FieldFaultSpec[] },
  ) {
    const body = Array.isArray(spec) ? { faults: spec } : spec;
    return this.call<FaultList>('POST', '/faults', body);
  }

  /** Renames, drops or re-types a field in the answers of a call (next N calls or until cleared). */
  changeFields(specs: FieldFaultSpec | FieldFaultSpec[]) {
    return this.injectFaults({ fieldFaults: Array.isArray(specs) ? specs : [specs] });
  }

  failSkus(failures: SkuFailureSpec[]) {
    return this.injectFaults({ skuFailures: failures });
  }

  listFaults() {
    return this.call<FaultList>('GET', '/faults');
  }

  clearFaults() {
    return this.call<FaultList>('DELETE', '/faults');
  }

  /**
   * Everything AJIO received from a seller: counts per kind, every write call as it arrived (method,
   * path, body) and `nothing` — true when no write reached the account (a shadow channel's proof).
   */
  receivedAll(username: string): Promise<{
    nothing: boolean;
    counts: Record<string, number>;
    writes: { method: string; path: string; body: unknown; receivedAt: number }[];
  }> {
    return this.call('GET', this.sellerPath(username, '/received'));
  }

  /** Everything AJIO received from a seller of one kind; inventory also lists recent batches. */
  received<T = any>(username: string, kind: ReceivedKind): Promise<{ items: T[]; batches?: unknown[] }> {
    return this.call('GET', this.sellerPath(username, `/received/${kind}`));
  }
}
