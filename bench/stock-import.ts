/**
 * Stock count import benchmark: 100,000 CSV lines of absolute counts (1% of them bad on purpose: an
 * unknown SKU and a quantity that is not a whole number) through the same importStockCsv the API and
 * `weft stock import` use, on PGlite and on PostgreSQL. Prints lines per second for
 *   - an opening stock (every level new),
 *   - a cycle count of the same pairs with other figures (every level locked, changed, one movement each),
 *   - the same file again (a replay: read, hashed, answered from the first result).
 *
 *   npx tsx bench/stock-import.ts                 # PGlite, plus PostgreSQL if BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   BENCH_LINES=20000 npx tsx bench/stock-import.ts
 *   BENCH_SKIP_PGLITE=1 npx tsx bench/stock-import.ts   # PostgreSQL only
 *
 * On PostgreSQL it creates a scratch database next to the one in the URL and drops it afterwards.
 */
import { Readable } from 'node:stream';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { benchServerUrl, withScratchDatabase } from './scratch-database.ts';
import { migrate } from '../src/db/migrate.ts';
import { importStockCsv } from '../src/core/inventory/stock-import.ts';

const lines = Number(process.env.BENCH_LINES ?? 100_000);
const warehouses = ['MUM1', 'DEL1'];
const skuCount = Math.ceil(lines / warehouses.length);

/** The file in blocks of 1,000 lines, as a spooled upload or a file is read (64 KB at a time), not line by line. */
function* countFile(round: number): Generator<string> {
  let block = 'warehouse,sku,quantity,reason\n';
  for (const line of countLines(round)) {
    block += line;
    if (block.length >= 64 * 1024) {
      yield block;
      block = '';
    }
  }
  yield block;
}

function* countLines(round: number): Generator<string> {
  for (let i = 0; i < lines; i++) {
    const warehouse = warehouses[i % warehouses.length];
    const sku = `BENCH-${String(Math.floor(i / warehouses.length)).padStart(7, '0')}`;
    if (i % 100 === 99) {
      // Two problems on one line: both are reported.
      yield `${warehouse},NO-SUCH-${i},many,\n`;
      continue;
    }
    yield `${warehouse},${sku},${(i * 7 + round * 3) % 250},cycle count ${round}\n`;
  }
}

async function seed(database: Database) {
  await migrate(database);
  for (const [i, code] of warehouses.entries())
    await database.query('insert into warehouses (code, name, state_code, pincode) values ($1, $1, $2, $3)', [
      code,
      i === 0 ? '27' : '07',
      '421302',
    ]);
  await database.query(
    `insert into skus (code, name, mrp_paise)
     select 'BENCH-' || lpad(i::text, 7, '0'), 'Bench tee ' || i, 49900 from generate_series(0, $1 - 1) i`,
    [skuCount],
  );
}

async function timed(label: string, database: Database, round: number, reference: string) {
  const started = process.hrtime.bigint();
  const result = await importStockCsv(database, Readable.from(countFile(round)), { actor: 'bench', reference });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${label.padEnd(34)} ${result.lines} lines in ${seconds.toFixed(2)} s = ${Math.round(result.lines / seconds).toLocaleString('en-US')} lines/s` +
      ` (${result.status}: changed ${result.changed}, unchanged ${result.unchanged}, bad ${result.failed})`,
  );
  return result;
}

async function measure(name: string, database: Database) {
  await seed(database);
  console.log(`${name}:`);
  await timed('  opening stock (new levels)', database, 1, 'BENCH-OPENING');
  await timed('  cycle count (every level changes)', database, 2, 'BENCH-CYCLE');
  await timed('  the same file again (replay)', database, 2, 'BENCH-CYCLE');
  const { rows } = await database.query<{ bad: string }>(
    `select count(*) as bad from inventory_levels l
      where l.on_hand <> (select coalesce(sum(on_hand_delta), 0) from inventory_movements m
                           where m.warehouse_id = l.warehouse_id and m.sku_id = l.sku_id)`,
  );
  console.log(`  levels that differ from the sum of their ledger: ${rows[0].bad}`);
}

const pglite = process.env.BENCH_SKIP_PGLITE ? null : await openDatabase({});
if (pglite) await measure('PGlite', pglite);
await pglite?.close();

const serverUrl = benchServerUrl();
if (serverUrl) {
  await withScratchDatabase(serverUrl, 'weft_bench_stock', (postgres) => measure('PostgreSQL', postgres));
} else {
  console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server to measure it too.');
}
