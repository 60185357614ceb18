// Memory of the AJIO sandbox with 100,000 SKUs and 1,000,000 pendency lines loaded, and the
// latency of a few reads at that size. Target: RSS under 1 GB.
//
//   npx tsx bench/sandbox-memory.ts [--skus 100000] [--lines 1000000]
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startAjioSandbox } from '../src/sandbox/ajio/testing.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function snapshot(label: string) {
  gc();
  const m = process.memoryUsage();
  console.log(
    `${label.padEnd(44)} rss ${mb(m.rss).padStart(7)}  heapUsed ${mb(m.heapUsed).padStart(7)}  arrayBuffers ${mb(m.arrayBuffers).padStart(6)}`,
  );
  return m;
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  console.log(`  ${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return out;
}

const skus = arg('skus', 100_000);
const lines = arg('lines', 1_000_000);
console.log(`AJIO sandbox memory (Node ${process.version}): ${skus} SKUs, ${lines} pendency lines`);
const sb = await startAjioSandbox({ rateLimit: false, market: { poEverySeconds: 0 } });
snapshot('empty sandbox');
await sb.control.addSeller({ username: 'DVMEM01', password: 'mem' });
await timed(`seed ${skus / 4} styles x 4 sizes`, () =>
  sb.control.seedCatalog('DVMEM01', { styles: Math.ceil(skus / 4), seed: 42, publishedRatio: 1 }),
);
snapshot(`${skus} SKUs`);
// One line per order: the worst case for per-order columns too (1,000,000 orders).
await timed(`place ${lines} customer orders (1 line each)`, () =>
  sb.control.placeCustomerOrders('DVMEM01', { count: lines, seed: 7, maxLines: 1 }),
);
const summary = await sb.control.seller('DVMEM01');
const loaded = snapshot(`+ ${summary.pendencyLines} pendency lines (${summary.pendencyOrders} orders)`);

const token = await sb.login('DVMEM01', 'mem');
const get = (path: string) => fetch(`${sb.url}${path}`, { headers: { apiKey: token } }).then((r) => r.json());
await timed('GET /orders/pendency page 1 (first call builds the open-order index)', () =>
  get('/orders/pendency?pageSize=50'),
);
await timed('GET /orders/pendency page 10000', () => get('/orders/pendency?pageSize=50&pageNumber=10000'));
await timed('GET /products page 1000', () => get('/products?pageSize=50&pageNumber=1000'));
const pos = await timed('raise POs from all pendency', () => sb.control.raisePurchaseOrders('DVMEM01'));
console.log(`  ${pos.length} POs raised`);
snapshot('after raising POs');
console.log(
  `RSS with ${skus} SKUs and ${summary.pendencyLines} pendency lines: ${mb(loaded.rss)} ${loaded.rss < 1024 ** 3 ? 'OK (target < 1 GB)' : 'OVER TARGET (1 GB)'}`,
);
await sb.close();
