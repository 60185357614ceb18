import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createLogger } from '../../src/log.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { executeRun } from '../../src/core/sync/execute.ts';
import type { SyncRun } from '../../src/core/sync/runs.ts';
import { startAjioSandbox, type CatalogProduct, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';
import { createTestApp } from './app.ts';

/**
 * The real app and an in-process AJIO sandbox with one mapped catalogue, for the inventory, reconcile
 * and returns suites. Listings, stock, orders and pendency are written with SQL, so these suites do
 * not depend on the SKU, pendency and order pulls. Runs execute synchronously through `run()`.
 */
export const seller = { username: 'DVINV01', password: 'inv-secret' };

export interface Listing {
  listingId: number;
  skuId: number;
  skuCode: string;
  channelSku: string;
  productId: string;
  variantId: string;
}

export interface InventoryFixture {
  database: TestDatabase;
  app: FastifyInstance;
  sandbox: StartedSandbox;
  channelCode: string;
  channelId: number;
  warehouseId: number;
  listings: Listing[];
  catalog: CatalogProduct[];
  call(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Asks for a run through the API and executes it here; `retryOf` re-processes that run's failed records. */
  run(stream: string, retryOf?: number): Promise<SyncRun>;
  /** Executes a run already asked for (push-all) by its id. */
  execute(runId: number): Promise<SyncRun>;
  setOnHand(listing: Listing, onHand: number, warehouseId?: number): Promise<void>;
  setOnHandAll(onHand: number): Promise<void>;
  addOrder(
    poNumber: string,
    lines: { listing: Listing; quantity: number; shipped?: number; cancelled?: number }[],
    status?: string,
  ): Promise<number>;
  addPendency(orderId: string, itemId: string, listing: Listing, quantity: number, status?: string): Promise<void>;
  close(): Promise<void>;
}

export async function createInventoryFixture(
  kind: DatabaseKind,
  options: { styles?: number; settings?: Record<string, unknown> } = {},
): Promise<InventoryFixture> {
  const t = await createTestApp(kind);
  const { database, secrets, app } = t;
  const log = createLogger('silent');
  const call = (method: string, url: string, body?: unknown) => t.call(method, url, { body });

  const sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false });
  await sandbox.control.seedCatalog(seller.username, { styles: options.styles ?? 30, seed: 7, initialInventory: 0 });
  const catalog = await sandbox.control.getCatalog(seller.username);

  const created = await call('POST', '/api/warehouses', {
    code: 'MUM1',
    name: 'Bhiwandi',
    stateCode: '27',
    pincode: '421302',
    gstin: '27AAACR5055K1Z7',
  });
  if (created.statusCode !== 201) throw new Error(`warehouse: ${created.body}`);
  await call('POST', '/api/warehouses', { code: 'BLR1', name: 'Bengaluru', stateCode: '29', pincode: '560001' });
  const channel = await call('POST', '/api/channels', {
    type: 'ajio-jit',
    name: 'AJIO JIT Bhiwandi',
    warehouse: 'MUM1',
    // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
    mode: 'live',
    settings: {
      orderSyncFrom: '2026-01-01',
      returnSyncFrom: '2026-01-01',
      baseUrl: sandbox.url,
      rateLimitPerSecond: 50,
      orders: { returnOrderSync: true },
      reconciliation: { enabled: true, dailyAt: '03:00' },
      ...options.settings,
    },
    interface: { username: seller.username, password: seller.password, isB2B: 'Yes' },
  });
  if (channel.statusCode !== 201) throw new Error(`channel: ${channel.body}`);
  const channelCode = channel.json().code as string;
  const ids = await database.query<{ channel_id: number; warehouse_id: number }>(
    'select id as channel_id, warehouse_id from channels where code = $1',
    [channelCode],
  );
  const channelId = Number(ids.rows[0].channel_id);
  const warehouseId = Number(ids.rows[0].warehouse_id);

  // The SKU master and mapped listings, as the SKU pull would leave them.
  const variants = catalog.flatMap((p) => p.variants.map((v) => ({ ...v, productId: p.productId, title: p.title })));
  await database.query(
    `
    insert into skus (code, ean, name, mrp_paise)
    select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])`,
    [
      variants.map((v) => v.sellerSku),
      variants.map((v) => v.ean),
      variants.map((v) => `${v.title} ${v.size}`),
      variants.map((v) => Math.round(v.mrp * 100)),
    ],
  );
  const { rows } = await database.query<{
    id: number;
    sku_id: number;
    code: string;
    channel_sku: string;
    channel_product_id: string;
  }>(
    `
    insert into channel_listings (channel_id, channel_sku, channel_product_id, seller_sku, ean, sku_id, mapped_by, mapped_at)
    select $1, t.sku, t.pid, t.seller_sku, t.ean, s.id, 'test', now()
    from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(sku, pid, seller_sku, ean) join skus s on s.code = t.seller_sku
    returning id, sku_id, seller_sku as code, channel_sku, channel_product_id`,
    [
      channelId,
      variants.map((v) => v.sku),
      variants.map((v) => `${v.productId}~${v.variantId}`),
      variants.map((v) => v.sellerSku),
      variants.map((v) => v.ean),
    ],
  );
  const listings = rows
    .map((r) => {
      const [productId, variantId] = r.channel_product_id.split('~');
      return {
        listingId: Number(r.id),
        skuId: Number(r.sku_id),
        skuCode: r.code,
        channelSku: r.channel_sku,
        productId,
        variantId,
      };
    })
    .sort((a, b) => a.listingId - b.listingId);

  const execute = (runId: number, retryOf: number | null = null) =>
    executeRun({ database, secrets, lookup: channelDescriptor, log }, runId, retryOf);

  return {
    database,
    app,
    sandbox,
    channelCode,
    channelId,
    warehouseId,
    listings,
    catalog,
    call,
    execute,
    async run(stream, retryOf) {
      const response = retryOf
        ? await call('POST', `/api/sync-runs/${retryOf}/retry`)
        : await call('POST', `/api/channels/${channelCode}/sync/${stream}`);
      if (response.statusCode !== 202) throw new Error(`run ${stream}: ${response.body}`);
      return execute(response.json().runId, retryOf ?? null);
    },
    async setOnHand(listing, onHand, wh = warehouseId) {
      await database.query(
        `insert into inventory_levels (warehouse_id, sku_id, on_hand) values ($1, $2, $3)
        on conflict (warehouse_id, sku_id) do update set on_hand = excluded.on_hand, updated_at = now()`,
        [wh, listing.skuId, onHand],
      );
    },
    async setOnHandAll(onHand) {
      await database.query(
        `insert into inventory_levels (warehouse_id, sku_id, on_hand)
        select $1, sku_id, $2 from channel_listings where channel_id = $3
        on conflict (warehouse_id, sku_id) do update set on_hand = excluded.on_hand, updated_at = now()`,
        [warehouseId, onHand, channelId],
      );
    },
    async addOrder(poNumber, lines, status = 'open') {
      const {
        rows: [order],
      } = await database.query<{ id: number }>(
        `insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status)
        values ($1, $2, $3, $3, now(), $4) returning id`,
        [channelId, warehouseId, poNumber, status],
      );
      let n = 0;
      for (const line of lines) {
        await database.query(
          `insert into order_lines (order_id, external_line_id, channel_sku, sku_id, quantity, shipped_qty, cancelled_qty)
          values ($1, $2, $3, $4, $5, $6, $7)`,
          [
            order.id,
            `${poNumber}-${++n}`,
            line.listing.channelSku,
            line.listing.skuId,
            line.quantity,
            line.shipped ?? 0,
            line.cancelled ?? 0,
          ],
        );
      }
      return Number(order.id);
    },
    async addPendency(orderId, itemId, listing, quantity, status = 'open') {
      await database.query(
        `insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity, ordered_at, status)
        values ($1, $2, $3, $4, $5, $6, now(), $7)`,
        [channelId, orderId, itemId, listing.channelSku, listing.skuId, quantity, status],
      );
    },
    async close() {
      await sandbox.close();
      await t.close();
    },
  };
}

/** AJIO's current figure per SKU as its catalogue shows it. */
export async function ajioFigures(sandbox: StartedSandbox): Promise<Map<string, number>> {
  const catalog = await sandbox.control.getCatalog(seller.username);
  return new Map(catalog.flatMap((p) => p.variants.map((v) => [v.sku, v.inventory] as [string, number])));
}
