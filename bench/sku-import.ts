/**
 * SKU master import benchmark: 100,000 CSV rows (1% of them invalid on purpose) through the same
 * importSkuCsv the API uses, on PGlite and on PostgreSQL. Prints rows per second for each.
 *
 *   npm run bench:sku-import                      # PGlite, plus PostgreSQL if BENCH_DATABASE_URL
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:sku-import
 *
 * On PostgreSQL it creates a scratch database next to the one in the URL and drops it afterwards.
 */
import { Readable } from 'node:stream';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { benchServerUrl, withScratchDatabase } from './scratch-database.ts';
import { migrate } from '../src/db/migrate.ts';
import { importSkuCsv } from '../src/core/catalog/sku-import.ts';
import { countSkus } from '../src/core/catalog/skus.ts';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const brands = ['Weft', 'Loom', 'Warp'];
const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

function* csvLines(): Generator<string> {
  yield 'code,ean,name,brand,style,size,colour,hsn,mrp,active\n';
  for (let i = 0; i < rows; i++) {
    const style = `ST-${Math.floor(i / 6)}`;
    const size = sizes[i % 6];
    const ean = String(8_900_000_000_000 + i);
    // Every 100th row is invalid (an MRP that is not money), to measure the error path too.
    const mrp = i % 100 === 99 ? 'n/a' : (499 + (i % 2000)).toFixed(2);
    yield `${style}-${size},${ean},${brands[i % 3]} tee ${style} ${size},${brands[i % 3]},${style},${size},Navy,6109,${mrp},yes\n`;
  }
}

async function measure(label: string, database: Database) {
  await migrate(database);
  const started = process.hrtime.bigint();
  const result = await importSkuCsv(database, Readable.from(csvLines()), { actor: 'bench' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const landed = await countSkus(database.db);
  console.log(
    `${label.padEnd(10)} ${result.rows} rows in ${seconds.toFixed(2)} s = ${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s` +
      ` (inserted ${result.inserted}, invalid ${result.failed} reported by line, ${landed} in the table)`,
  );
  // Re-import: every valid row becomes an update.
  const again = process.hrtime.bigint();
  const second = await importSkuCsv(database, Readable.from(csvLines()), { actor: 'bench' });
  const s2 = Number(process.hrtime.bigint() - again) / 1e9;
  console.log(
    `${''.padEnd(10)} re-import (updates): ${Math.round(second.rows / s2).toLocaleString('en-US')} rows/s (updated ${second.updated})`,
  );
}

const pglite = await openDatabase({});
await measure('PGlite', pglite);
await pglite.close();

const serverUrl = benchServerUrl();
if (serverUrl) {
  await withScratchDatabase(serverUrl, 'weft_bench', (postgres) => measure('PostgreSQL', postgres));
} else {
  console.log('PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server to measure it too.');
}
