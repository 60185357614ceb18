/**
 * Inventory push and reconciliation benchmark, against the AJIO sandbox (in a child process, with
 * throttling off) on PGlite and on PostgreSQL, one run each:
 *
 *   npx tsx bench/inventory-push.ts                     # PGlite, plus PostgreSQL if BENCH_DATABASE_URL
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/inventory-push.ts
 *
 * 1. a full push of 100,000 mapped SKUs (SKUs/s; target ≥ 10,000);
 * 2. an incremental push after 1% of the SKUs changed (how many were sent: exactly those);
 * 3. a reconciliation of 100,000 SKUs with its peak RSS (target < 300 MB), polled every 20 ms.
 *
 * Each database is measured in its own child process so RSS figures do not mix. On PostgreSQL a
 * scratch database is created next to the one in the URL and dropped afterwards. BENCH_SKUS changes
 * the size (a multiple of 4: the sandbox catalogue has 4 sizes per style).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { createLogger } from '../src/log.ts';
import { benchServerUrl, withScratchDatabase } from './scratch-database.ts';
import { createRun, finishRun, recordResults } from '../src/core/sync/runs.ts';
import type { StreamContext, StreamRunner } from '../src/core/channel-descriptor.ts';
import { ajioSettingsSchema, type AjioInterface, type AjioSettings } from '../src/channels/ajio-jit/settings.ts';
import { inventoryStream } from '../src/channels/ajio-jit/streams/inventory.ts';
import { reconcileStream } from '../src/channels/ajio-jit/streams/reconcile.ts';
import { SandboxControl } from '../src/sandbox/ajio/control-client.ts';
import { AjioClient } from '../src/channels/ajio-jit/client.ts';

const skuCount = Number(process.env.BENCH_SKUS ?? 100_000);
const seller = { username: 'DVBENCH01', password: 'bench-secret' };
const self = fileURLToPath(import.meta.url);

/** The sandbox runs in its own process: its memory must not count in the reconciliation's RSS. */
async function startSandbox(): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `
    import { startAjioSandbox } from ${JSON.stringify(new URL('../src/sandbox/ajio/testing.ts', import.meta.url).href)};
    const sb = await startAjioSandbox({ rateLimit: false, market: { poEverySeconds: 0 } });
    console.log(sb.url);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = await once(child.stdout!, 'data');
  return { url: String(chunk).trim(), stop: () => child.kill() };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const poll = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    return {
      result,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      peakRss: Math.max(peakRss, process.memoryUsage.rss()),
    };
  } finally {
    clearInterval(poll);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function seed(database: Database, control: SandboxControl, url: string) {
  await control.addSeller(seller);
  await control.seedCatalog(seller.username, { styles: skuCount / 4, seed: 11, initialInventory: 0 });
  const {
    rows: [wh],
  } = await database.query<{ id: number }>(
    "insert into warehouses (code, name, state_code, pincode) values ('MUM1', 'Bhiwandi', '27', '421302') returning id",
  );
  const parsed = ajioSettingsSchema.parse({ orderSyncFrom: '2026-01-01', returnSyncFrom: '2026-01-01', baseUrl: url });
  // Throttling is off at the sandbox; Weft's own pacer is opened up the same way for the measurement.
  const settings: AjioSettings = { ...parsed, rateLimitPerSecond: 1_000_000 };
  const {
    rows: [channel],
  } = await database.query<{ id: number }>(
    "insert into channels (code, type, name, warehouse_id, settings) values ('AJIO0001', 'ajio-jit', 'Bench', $1, $2) returning id",
    [wh.id, JSON.stringify(settings)],
  );
  // The listings are read from AJIO's /products a page at a time, so seeding does not inflate the RSS measured later.
  const client = new AjioClient({
    baseUrl: url,
    pathPrefix: '',
    username: seller.username,
    password: seller.password,
    requestsPerSecond: 1_000_000,
  });
  let variants: (readonly [string, string, string])[] = [];
  const flush = async () => {
    if (variants.length === 0) return;
    await database.query(
      `insert into skus (code, name, mrp_paise) select code, code, 99900 from unnest($1::text[]) as t(code)`,
      [variants.map((v) => v[2])],
    );
    await database.query(
      `
      insert into channel_listings (channel_id, channel_sku, channel_product_id, seller_sku, sku_id)
      select $1, t.sku, t.pid, t.seller_sku, s.id from unnest($2::text[], $3::text[], $4::text[]) as t(sku, pid, seller_sku)
      join skus s on s.code = t.seller_sku`,
      [channel.id, variants.map((v) => v[0]), variants.map((v) => v[1]), variants.map((v) => v[2])],
    );
    variants = [];
  };
  type Product = { productId: string; variants: { sku: string; variantId: string; sellerSku: string }[] };
  for await (const page of client.pages<Product>('/products', {}, (body) => body.products)) {
    for (const p of page.items)
      for (const v of p.variants) variants.push([v.sku, `${p.productId}~${v.variantId}`, v.sellerSku] as const);
    if (variants.length >= 20_000) await flush();
  }
  await flush();
  await database.query(
    'insert into inventory_levels (warehouse_id, sku_id, on_hand) select $1, id, 1 + id % 40 from skus',
    [wh.id],
  );
  // Some allocation and pendency so the computation has real work to do.
  await database.query(
    `insert into orders (channel_id, warehouse_id, external_id, po_number, status)
    select $1, $2, 'PO' || g, 'PO' || g, 'open' from generate_series(1, 1000) g`,
    [channel.id, wh.id],
  );
  await database.query(`insert into order_lines (order_id, external_line_id, channel_sku, sku_id, quantity)
    select o.id, o.po_number || '-' || s.id, s.code, s.id, 1 from orders o join skus s on s.id % 1000 = o.id % 1000 and s.id % 7 = 0`);
  await database.query(
    `insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity)
    select $1, 'FN' || id, 'FN' || id || '-1', code, id, 1 from skus where id % 11 = 0`,
    [channel.id],
  );
  await database.query('analyze');
  return { channelId: Number(channel.id), warehouseId: Number(wh.id), settings };
}

async function runStream(
  database: Database,
  runner: StreamRunner<AjioSettings, AjioInterface>,
  channel: { id: number; warehouseId: number },
  settings: AjioSettings,
) {
  const run = await createRun(database.db, { channelId: channel.id, stream: runner.name, trigger: 'manual' });
  const ctx: StreamContext<AjioSettings, AjioInterface> = {
    database,
    settings,
    credentials: { ...seller, isB2B: true, einvoicing: { enabled: false } },
    runId: run.id,
    channel: {
      id: channel.id,
      code: 'AJIO0001',
      name: 'Bench',
      warehouseId: channel.warehouseId,
      warehouseCode: 'MUM1',
    },
    log: createLogger('silent'),
    setTotal: async () => {},
    record: (results) => recordResults(database.db, run.id, results),
  };
  await runner.run(ctx);
  return finishRun(database.db, run.id);
}

/**
 * Reconciliation measured in a process of its own (PostgreSQL only: the server holds the data), so
 * its peak RSS is the reconciliation's and not what seeding and pushing left in the heap.
 */
async function reconcileInFreshProcess(
  databaseUrl: string,
  channel: { id: number; warehouseId: number },
): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', self, 'reconcile', databaseUrl, String(channel.id), String(channel.warehouseId)],
    { stdio: 'inherit' },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`the reconciliation process exited with ${code}`);
}

async function reconcileOnly(databaseUrl: string, channelId: number, warehouseId: number): Promise<void> {
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    const {
      rows: [row],
    } = await database.query<{ settings: AjioSettings }>('select settings from channels where id = $1', [channelId]);
    const rssBefore = process.memoryUsage().rss;
    const reconcile = await timed(() =>
      runStream(database, reconcileStream, { id: channelId, warehouseId }, row.settings),
    );
    const {
      rows: [report],
    } = await database.query<{ compared: number; drifted: number; corrected: number }>(
      'select compared, drifted, corrected from reconciliation_reports order by id desc limit 1',
    );
    console.log(
      `  reconciliation:   compared ${report.compared.toLocaleString('en-US')}, drifted ${report.drifted}, corrected ${report.corrected} in ${reconcile.seconds.toFixed(2)} s;` +
        ` peak RSS ${mb(reconcile.peakRss)} in a fresh process (${mb(rssBefore)} at its start)`,
    );
  } finally {
    await database.close();
  }
}

async function measure(label: string, database: Database, databaseUrl?: string) {
  const sandbox = await startSandbox();
  const control = new SandboxControl(new URL(sandbox.url).origin);
  try {
    await migrate(database);
    const seeding = await timed(() => seed(database, control, sandbox.url));
    const { channelId, warehouseId, settings } = seeding.result;
    const channel = { id: channelId, warehouseId };
    console.log(`${label}: seeded ${skuCount.toLocaleString('en-US')} mapped SKUs in ${seeding.seconds.toFixed(1)} s`);

    const full = await timed(() => runStream(database, inventoryStream, channel, settings));
    console.log(
      `  full push:        ${full.result.updated.toLocaleString('en-US')} SKUs in ${full.seconds.toFixed(2)} s = ${Math.round(full.result.updated / full.seconds).toLocaleString('en-US')} SKUs/s (failed ${full.result.failed})`,
    );

    const batchesBefore = (
      (await control.received(seller.username, 'inventory')).items as { updates: number }[]
    ).reduce((s, i) => s + i.updates, 0);
    await database.query('update inventory_levels set on_hand = on_hand + 1 where sku_id % 100 = 0');
    const incremental = await timed(() => runStream(database, inventoryStream, channel, settings));
    const received = ((await control.received(seller.username, 'inventory')).items as { updates: number }[]).reduce(
      (s, i) => s + i.updates,
      0,
    );
    console.log(
      `  incremental push: 1% changed → sent ${incremental.result.updated.toLocaleString('en-US')} (AJIO received ${received - batchesBefore}) in ${incremental.seconds.toFixed(2)} s`,
    );

    // Drift on about 1% of AJIO's figures: customer orders lower AJIO's stock before Weft pulls the pendency.
    await control.placeCustomerOrders(seller.username, { count: skuCount / 100, seed: 3, maxLines: 1, maxQuantity: 1 });
    if (databaseUrl) return await reconcileInFreshProcess(databaseUrl, channel);
    const rssBefore = process.memoryUsage().rss;
    const reconcile = await timed(() => runStream(database, reconcileStream, channel, settings));
    const {
      rows: [report],
    } = await database.query<{ compared: number; drifted: number; corrected: number }>(
      'select compared, drifted, corrected from reconciliation_reports order by id desc limit 1',
    );
    console.log(
      `  reconciliation:   compared ${report.compared.toLocaleString('en-US')}, drifted ${report.drifted}, corrected ${report.corrected} in ${reconcile.seconds.toFixed(2)} s;` +
        ` peak RSS ${mb(reconcile.peakRss)} (before ${mb(rssBefore)}, ${database.kind === 'pglite' ? 'PGlite in this process' : 'PostgreSQL server outside'})`,
    );
  } finally {
    sandbox.stop();
  }
}

const which = process.argv[2];
if (which === 'pglite') {
  const database = await openDatabase({});
  await measure('PGlite', database);
  await database.close();
} else if (which === 'postgres') {
  await withScratchDatabase(benchServerUrl()!, 'weft_bench_inv', (database, url) =>
    measure('PostgreSQL', database, url),
  );
} else if (which === 'reconcile') {
  await reconcileOnly(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
} else {
  const child = (kind: string) =>
    new Promise<void>((resolve, reject) => {
      spawn(process.execPath, ['--import', 'tsx', self, kind], { stdio: 'inherit' }).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${kind} benchmark exited with ${code}`)),
      );
    });
  await child('pglite');
  if (benchServerUrl()) await child('postgres');
  else console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server to measure it too.');
}
