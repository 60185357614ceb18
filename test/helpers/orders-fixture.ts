import type { StreamContext } from '../../src/core/channel-descriptor.ts';
import type { getRun } from '../../src/core/sync/runs.ts';
import {
  startAjioSandbox,
  type CatalogVariant,
  type RaisedPo,
  type StartedSandbox,
} from '../../src/sandbox/ajio/testing.ts';
import type { PurchaseOrder } from '../../src/sandbox/ajio/purchase-orders.ts';
import { createTestApp, type TestApp } from './app.ts';
import { runStream } from './run-stream.ts';
import type { DatabaseKind } from './databases.ts';

/**
 * For the order suites: a warehouse, an AJIO JIT channel pointed at an in-process sandbox, a Weft SKU
 * master matching the sandbox catalogue and the channel's listings linked to it (inserted directly,
 * so these suites do not depend on the SKU pull). Runs execute in the test, optionally with the
 * stream's context wrapped to act between pages.
 */
export const ordersSeller = { username: 'DVORD01', password: 'api-secret' };

export type Variant = CatalogVariant & { productId: string };

export interface OrdersFixture {
  t: TestApp;
  sandbox: StartedSandbox;
  code: string;
  channelId: number;
  variants: Variant[];
  run(
    stream: string,
    options?: { retryOf?: number; wrap?: (ctx: StreamContext) => StreamContext },
  ): Promise<Awaited<ReturnType<typeof getRun>>>;
  /** Customer orders at AJIO, their pendency as Weft's back-order lines (open), then one PO raised from them. */
  raisePo(lines: { sku: string; quantity: number }[], options?: { pendency?: boolean }): Promise<RaisedPo>;
  /** AJIO's current JSON of a PO. */
  ajioPo(poNumber: string): Promise<any>;
  /** The sandbox's own record of a PO, to change what AJIO serves. */
  sandboxPo(poNumber: string): PurchaseOrder;
  link(sellerSku: string): Promise<void>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** Today's date in IST, the day before, as YYYY-MM-DD. */
export const yesterdayIst = () => new Date(Date.now() + 5.5 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

export async function createOrdersFixture(
  kind: DatabaseKind,
  options: {
    styles?: number;
    unlinked?: (v: Variant, i: number) => boolean;
    invoiceRoundOff?: boolean;
    /** The channel's mode at creation (default live: these suites expect writes to reach the sandbox). */
    mode?: 'shadow' | 'live';
    /** Inventory sync on (default off: most order suites push nothing). */
    inventory?: boolean;
  } = {},
): Promise<OrdersFixture> {
  const t = await createTestApp(kind);
  const sandbox = await startAjioSandbox({
    sellers: [{ ...ordersSeller, invoiceRoundOff: options.invoiceRoundOff }],
    rateLimit: false,
    market: { poEverySeconds: 0 },
  });
  await sandbox.control.seedCatalog(ordersSeller.username, {
    styles: options.styles ?? 3,
    seed: 7,
    initialInventory: 50,
    publishedRatio: 1,
  });
  const variants = (await sandbox.control.getCatalog(ordersSeller.username)).flatMap((p) =>
    p.variants.map((v) => ({ ...v, productId: p.productId })),
  );
  await t.call('POST', '/api/warehouses', {
    body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7' },
  });
  const created = await t.call('POST', '/api/channels', {
    body: {
      type: 'ajio-jit',
      name: 'AJIO JIT Bhiwandi',
      warehouse: 'MUM1',
      // Created live unless asked: these suites expect writes to reach the sandbox (new channels start in shadow).
      mode: options.mode ?? 'live',
      settings: {
        orderSyncFrom: yesterdayIst(),
        returnSyncFrom: yesterdayIst(),
        baseUrl: sandbox.url,
        rateLimitPerSecond: 50,
        inventory: { enabled: options.inventory ?? false },
      },
      interface: { ...ordersSeller, isB2B: 'Yes' },
    },
  });
  if (created.statusCode !== 201) throw new Error(`channel: ${created.body}`);
  const code = created.json().code as string;
  const db = t.database;
  const channelId = Number(
    (await db.query<{ id: number }>('select id from channels where code = $1', [code])).rows[0].id,
  );
  for (const v of variants) {
    const sku = await t.call('POST', '/api/skus', {
      body: { code: v.sellerSku, ean: v.ean, name: `Tee ${v.sellerSku}`, mrpPaise: Math.round(v.mrp * 100) },
    });
    if (sku.statusCode !== 201) throw new Error(`sku: ${sku.body}`);
  }
  for (const [i, v] of variants.entries()) {
    const unlinked = options.unlinked?.(v, i) ?? false;
    await db.query(
      `insert into channel_listings (channel_id, channel_sku, channel_product_id, seller_sku, ean, sku_id)
       values ($1, $2, $3, $4, $5, case when $6 then null else (select id from skus where code = $4) end)`,
      [channelId, v.sku, `${v.productId}~${v.variantId}`, v.sellerSku, v.ean, unlinked],
    );
  }
  let token: string | null = null;
  const fixture: OrdersFixture = {
    t,
    sandbox,
    code,
    channelId,
    variants,
    run: (stream, runOptions) => runStream(t, code, stream, runOptions),
    async raisePo(lines, raiseOptions = {}) {
      const placed = await sandbox.control.placeCustomerOrders(ordersSeller.username, [{ lines }]);
      if (raiseOptions.pendency !== false) {
        for (const order of placed.orders ?? []) {
          for (const line of order.order_lines) {
            await db.query(
              `insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity)
               values ($1, $2, $3, $4, (select sku_id from channel_listings where channel_id = $1 and channel_sku = $4), $5)`,
              [channelId, order.order_id, line.order_item_id, line.sku, line.quantity],
            );
          }
        }
      }
      const raised = await sandbox.control.raisePurchaseOrders(ordersSeller.username);
      if (raised.length !== 1) throw new Error(`expected one PO, AJIO raised ${raised.length}`);
      return raised[0];
    },
    async ajioPo(poNumber) {
      token ??= await sandbox.login(ordersSeller.username, ordersSeller.password);
      let res = await fetch(`${sandbox.url}/orders?orderIds=${poNumber}`, { headers: { apiKey: token } });
      if (res.status === 401) {
        token = await sandbox.login(ordersSeller.username, ordersSeller.password);
        res = await fetch(`${sandbox.url}/orders?orderIds=${poNumber}`, { headers: { apiKey: token } });
      }
      return ((await res.json()) as { orders: any[] }).orders[0];
    },
    sandboxPo(poNumber) {
      return sandbox.sandbox.state.seller(ordersSeller.username).posByNumber.get(poNumber)!;
    },
    async link(sellerSku) {
      await db.query(
        'update channel_listings set sku_id = (select id from skus where code = $2) where channel_id = $1 and seller_sku = $2',
        [channelId, sellerSku],
      );
    },
    async count(sql, params = []) {
      return Number((await db.query<{ n: number }>(sql, params)).rows[0].n);
    },
    async close() {
      await sandbox.close();
      await t.close();
    },
  };
  return fixture;
}
