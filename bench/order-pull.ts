/**
 * Order pull benchmark: 10,000 AJIO POs of 3 lines each in the sandbox (throttling off), pulled and
 * created by the orders stream — orders, lines, events, pendency converted — against a baseline that
 * only fetches the same pages with the AjioClient. On PGlite and, with a server URL, on PostgreSQL;
 * prints POs per second and the ratio of Weft's time to the baseline's.
 *
 *   npx tsx bench/order-pull.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/order-pull.ts
 *
 * On PostgreSQL it creates a scratch database next to the one in the URL and drops it afterwards.
 * By default the sandbox does not throttle and the client's pacing is set far above the sandbox's
 * speed, so the figure is the raw cost of fetching and writing. With BENCH_PACE=ajio both sides keep
 * AJIO's pace instead (the sandbox allows 10 requests/s, Weft's channel default sends 8/s), which is
 * what a real pull sees: then the writes hide behind the fetching.
 *
 *   BENCH_PACE=ajio BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/order-pull.ts
 */
import { channelDescriptor } from '../src/channels/registry.ts';
import { AjioClient } from '../src/channels/ajio-jit/client.ts';
import { paths } from '../src/channels/ajio-jit/codes.ts';
import { ajioSettingsSchema } from '../src/channels/ajio-jit/settings.ts';
import type { SecretBox } from '../src/core/secrets.ts';
import { executeRun } from '../src/core/sync/execute.ts';
import { createRun } from '../src/core/sync/runs.ts';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { createLogger } from '../src/log.ts';
import { benchServerUrl, withScratchDatabase } from './scratch-database.ts';
import { startAjioSandbox } from '../src/sandbox/ajio/testing.ts';

const poCount = Number(process.env.BENCH_POS ?? 10_000);
const seller = { username: 'DVBENCH01', password: 'secret' };
const paced = process.env.BENCH_PACE === 'ajio';
const requestsPerSecond = paced ? 8 : 100_000;
const syncFrom = new Date(Date.now() + 5.5 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

const sandbox = await startAjioSandbox({
  sellers: [seller],
  rateLimit: paced ? 10 : false,
  market: { poEverySeconds: 0, poMaxLines: 3 },
});
console.log(
  paced
    ? 'Paced as AJIO allows: sandbox 10 requests/s, Weft 8 requests/s.'
    : 'Unthrottled: the sandbox answers as fast as it can.',
);
await sandbox.control.seedCatalog(seller.username, {
  styles: 250,
  seed: 11,
  initialInventory: 1_000_000,
  publishedRatio: 1,
});
const catalog = (await sandbox.control.getCatalog(seller.username)).flatMap((p) =>
  p.variants.map((v) => ({ ...v, productId: p.productId })),
);
const usable = catalog.slice(0, catalog.length - (catalog.length % 3));

// Each round gives every usable variant one line per AJIO warehouse; POs group 3 SKUs of a warehouse.
const pendency: { orderId: string; itemId: string; sku: string; quantity: number }[] = [];
let raised = 0;
const seedStarted = Date.now();
while (raised < poCount) {
  const orders: { warehouse: string; lines: { sku: string; quantity: number }[] }[] = [];
  for (const warehouse of ['BLR1', 'BHW1', 'GGN1']) {
    for (let i = 0; i < usable.length && raised + orders.length < poCount; i += 3) {
      orders.push({ warehouse, lines: usable.slice(i, i + 3).map((v) => ({ sku: v.sku, quantity: 1 })) });
    }
  }
  const placed = await sandbox.control.placeCustomerOrders(seller.username, orders);
  for (const o of placed.orders ?? [])
    for (const l of o.order_lines)
      pendency.push({ orderId: o.order_id, itemId: l.order_item_id, sku: l.sku, quantity: l.quantity });
  raised += (await sandbox.control.raisePurchaseOrders(seller.username)).length;
}
console.log(`Sandbox: ${raised} POs of 3 lines seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

const settings = {
  ...ajioSettingsSchema.parse({ orderSyncFrom: syncFrom, returnSyncFrom: syncFrom, baseUrl: sandbox.url }),
  rateLimitPerSecond: requestsPerSecond,
};

async function baseline(): Promise<number> {
  const client = new AjioClient({ baseUrl: sandbox.url, pathPrefix: '', ...seller, requestsPerSecond });
  const started = process.hrtime.bigint();
  let fetched = 0;
  for await (const page of client.pages(
    paths.orders,
    { poDateFrom: Math.floor(Date.parse(`${syncFrom}T00:00:00+05:30`) / 1000) },
    (b) => b?.orders,
  ))
    fetched += page.items.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (fetched !== raised) throw new Error(`baseline fetched ${fetched} of ${raised} POs`);
  return seconds;
}

async function prepare(database: Database): Promise<number> {
  await migrate(database);
  await database.query(
    `insert into warehouses (code, name, state_code, pincode) values ('MUM1', 'Bhiwandi', '27', '421302')`,
  );
  const { rows } = await database.query<{ id: number }>(
    `insert into channels (code, type, name, warehouse_id, settings, credentials) values ('AJIO0001', 'ajio-jit', 'AJIO bench', 1, $1, 'sealed') returning id`,
    [JSON.stringify(settings)],
  );
  const channelId = Number(rows[0].id);
  await database.query(
    `insert into skus (code, ean, name, mrp_paise) select c, e, 'Tee ' || c, 99900 from unnest($1::text[], $2::text[]) as t(c, e)`,
    [catalog.map((v) => v.sellerSku), catalog.map((v) => v.ean)],
  );
  await database.query(
    `insert into channel_listings (channel_id, channel_sku, channel_product_id, seller_sku, ean, sku_id)
     select $1, cs, pid, ss, e, (select id from skus where code = ss) from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(cs, pid, ss, e)`,
    [
      channelId,
      catalog.map((v) => v.sku),
      catalog.map((v) => `${v.productId}~${v.variantId}`),
      catalog.map((v) => v.sellerSku),
      catalog.map((v) => v.ean),
    ],
  );
  await database.query(
    `insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity)
     select $1, o, i, s, (select sku_id from channel_listings where channel_id = $1 and channel_sku = s), q
     from unnest($2::text[], $3::text[], $4::text[], $5::int[]) as t(o, i, s, q)`,
    [
      channelId,
      pendency.map((p) => p.orderId),
      pendency.map((p) => p.itemId),
      pendency.map((p) => p.sku),
      pendency.map((p) => p.quantity),
    ],
  );
  return channelId;
}

async function measure(label: string, database: Database) {
  const channelId = await prepare(database);
  const base = await baseline();
  const run = await createRun(database.db, { channelId, stream: 'orders', trigger: 'manual' });
  const secrets = {
    openJson: () => ({ ...seller, isB2B: true, einvoicing: { enabled: false } }),
  } as unknown as SecretBox;
  const started = process.hrtime.bigint();
  const done = await executeRun(
    { database, secrets, lookup: channelDescriptor, log: createLogger('silent') },
    run.id,
    null,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (done.status !== 'succeeded') throw new Error(`the run ended ${done.status}: ${done.error}`);
  const counts = (
    await database.query<{ orders: number; lines: number; converted: number }>(
      `select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
            (select count(*) from backorder_lines where status = 'converted')::int as converted`,
    )
  ).rows[0];
  const rate = (s: number) => Math.round(raised / s).toLocaleString('en-US');
  console.log(`${label.padEnd(10)} baseline (fetch only): ${base.toFixed(2)} s = ${rate(base)} POs/s`);
  console.log(
    `${''.padEnd(10)} Weft orders stream:    ${seconds.toFixed(2)} s = ${rate(seconds)} POs/s, ${(seconds / base).toFixed(2)}x the baseline` +
      ` (${counts.orders} orders, ${counts.lines} lines, ${counts.converted} pendency lines converted)`,
  );
}

try {
  const pglite = await openDatabase({});
  await measure('PGlite', pglite);
  await pglite.close();

  const serverUrl = benchServerUrl();
  if (serverUrl) {
    await withScratchDatabase(serverUrl, 'weft_bench', (postgres) => measure('PostgreSQL', postgres));
  } else {
    console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server to measure it too.');
  }
} finally {
  await sandbox.close();
}
