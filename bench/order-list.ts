/**
 * Order list benchmark: 100,000 POs of 3 lines each (statuses and PO dates spread as a busy seller's
 * half year looks), then the console's order list through the real API (GET /api/orders, app.inject,
 * JSON serialised): the first page, a page deep in the list, each filter the console offers, and a PO
 * number search. Prints the median and 95th percentile of each query. On PGlite and, with a server
 * URL, on PostgreSQL (a scratch database, dropped afterwards).
 *
 *   npx tsx bench/order-list.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/order-list.ts
 */
import { createUser, issueToken } from '../src/core/users/users.ts';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { benchServerUrl, withScratchDatabase } from './scratch-database.ts';
import { startBenchApp } from './bench-app.ts';

const orderCount = Number(process.env.BENCH_ORDERS ?? 100_000);
const repeats = 30;

/** Seeds the orders in SQL: the list's cost is what is measured, not how the rows got there. */
async function seed(database: Database) {
  await database.exec(`
    insert into warehouses (code, name, state_code, pincode, gstin) values ('MUM1', 'Bhiwandi', '27', '421302', '27AAACR5055K1Z7');
    insert into channels (code, type, name, warehouse_id) values ('AJIO0001', 'ajio-jit', 'AJIO JIT Bhiwandi', 1), ('AJIO0002', 'ajio-jit', 'AJIO JIT Delhi', 1);
  `);
  // Status mix of a running business: most POs long shipped, a working set open, a few on hold.
  await database.exec(`
    insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status, po_amount_paise)
    select 1 + (n % 2), 1, 'EXT' || n, 'PO' || lpad(n::text, 8, '0'),
           now() - ((${orderCount} - n) * interval '155 seconds'),
           case when n % 100 < 70 then 'shipped' when n % 100 < 80 then 'delivered' when n % 100 < 88 then 'ready_to_ship'
                when n % 100 < 93 then 'open' when n % 100 < 96 then 'packed' when n % 100 < 99 then 'cancelled' else 'on_hold' end,
           250000 + n % 1000
    from generate_series(1, ${orderCount}) n;
    insert into order_lines (order_id, external_line_id, channel_sku, quantity, shipped_qty)
    select o.id, 'L' || l, 'CSKU' || ((o.id * 3 + l) % 5000), 2, case when o.status in ('shipped', 'delivered') then 2 else 0 end
    from orders o, generate_series(1, 3) l;
    analyze orders; analyze order_lines;
  `);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function measure(database: Database, label: string) {
  const started = Date.now();
  await migrate(database);
  await seed(database);
  console.log(
    `\n${label}: ${orderCount.toLocaleString('en-US')} POs × 3 lines seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const { app, close } = await startBenchApp(database);
  const user = await createUser(
    database.db,
    { username: 'bench', password: 'bench-password-1', role: 'viewer' },
    'bench',
  );
  const { token } = await issueToken(database.db, user, 'bench');
  const list = async (query: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/orders?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.statusCode !== 200) throw new Error(`${query}: ${response.body}`);
    return response.json() as { items: unknown[]; next: string | null };
  };

  // A key 1,000 pages of 50 deep, found by walking there once (as "Next" 1,000 times would).
  let deepKey = '';
  for (let page = 0, next: string | null = null; page < 1000; page++) {
    next = (await list(`limit=50${next ? `&after=${encodeURIComponent(next)}` : ''}`)).next;
    deepKey = next!;
  }
  const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, string][] = [
    ['first page (50)', 'limit=50'],
    ['page 1,001 (keyset)', `limit=50&after=${encodeURIComponent(deepKey)}`],
    ['status open', 'limit=50&status=open'],
    ['status on hold (1%)', 'limit=50&status=on_hold'],
    ['channel + status', 'limit=50&channel=AJIO0002&status=ready_to_ship'],
    ['PO dates, last 7 days', `limit=50&from=${since}`],
    ['PO number search', 'limit=50&q=PO0004321'],
    ['PO number, no match', 'limit=50&q=PX'],
  ];
  console.log('query                        rows   median    p95');
  for (const [name, query] of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      rows = (await list(query)).items.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(28)} ${String(rows).padStart(4)} ${percentile(times, 0.5).toFixed(1).padStart(6)} ms ${percentile(times, 0.95).toFixed(1).padStart(6)} ms`,
    );
  }
  await close();
}

const embedded = await openDatabase({});
try {
  await measure(embedded, 'PGlite (embedded)');
} finally {
  await embedded.close();
}
const serverUrl = benchServerUrl();
if (serverUrl) await withScratchDatabase(serverUrl, 'weft_bench_orders', (database) => measure(database, 'PostgreSQL'));
