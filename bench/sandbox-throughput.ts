// Throughput of the AJIO sandbox on one core, throttling off:
//   - GET /orders pages of 50 POs
//   - POST /updateInventory batches of 50 entries
// The sandbox runs in this process (one event loop = one core); the load comes from a child
// process over loopback HTTP/1.1 keep-alive connections. Bounded in time.
//
//   npx tsx bench/sandbox-throughput.ts [--seconds 5] [--connections 32]
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAjioSandbox } from '../src/sandbox/ajio/testing.ts';

interface Job {
  name: string;
  url: string;
  token: string;
  seconds: number;
  connections: number;
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[];
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  bytes: number;
  p50: number;
  p99: number;
}

async function load(job: Job): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const base = new URL(job.url);
  let next = 0;
  let done = 0;
  let errors = 0;
  let bytes = 0;
  const latencies: number[] = [];
  const one = () =>
    new Promise<void>((resolve) => {
      const r = job.requests[next++ % job.requests.length];
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: r.method,
          path: base.pathname.replace(/\/$/, '') + r.path,
          headers: {
            apiKey: job.token,
            ...(r.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) } : {}),
          },
        },
        (res) => {
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            done++;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  const run = async (until: number) => {
    const lanes = Array.from({ length: job.connections }, async () => {
      while (performance.now() < until) await one();
    });
    await Promise.all(lanes);
  };
  await run(performance.now() + 1000); // warm-up
  done = errors = bytes = 0;
  latencies.length = 0;
  const t0 = performance.now();
  await run(t0 + job.seconds * 1000);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { name: job.name, requests: done, errors, seconds, bytes, p50: pct(0.5), p99: pct(0.99) };
}

function inWorker(job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--load-generator'], { execArgv: ['--import', 'tsx'] });
    child.once('message', (r) => {
      resolve(r as Result);
      child.disconnect();
    });
    child.once('error', reject);
    child.send(job);
  });
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const seconds = arg('seconds', 5);
  const connections = arg('connections', 32);
  const sb = await startAjioSandbox({ rateLimit: false, market: { poEverySeconds: 0, poMaxLines: 3 } });
  await sb.control.addSeller({ username: 'DVBENCH1', password: 'bench' });
  await sb.control.seedCatalog('DVBENCH1', { styles: 2500, seed: 42, publishedRatio: 1 });
  await sb.control.placeCustomerOrders('DVBENCH1', { count: 20_000, seed: 7, maxLines: 2 });
  const pos = await sb.control.raisePurchaseOrders('DVBENCH1');
  const token = await sb.login('DVBENCH1', 'bench');
  const pages = Math.floor(pos.length / 50);
  const catalog = await sb.control.getCatalog('DVBENCH1');
  const variants = catalog.flatMap((p) =>
    p.variants.map((v) => ({ productId: p.productId, variantId: v.sku, sku: v.sku })),
  );
  const inventoryBatches = Array.from({ length: 200 }, (_, b) => ({
    method: 'POST' as const,
    path: '/updateInventory',
    body: JSON.stringify({
      inventoryList: Array.from({ length: 50 }, (_, i) => ({
        ...variants[(b * 50 + i) % variants.length],
        inventory: (b + i) % 40,
      })),
    }),
  }));
  const orderPages = Array.from({ length: pages }, (_, i) => ({
    method: 'GET' as const,
    path: `/orders?pageNumber=${i + 1}&pageSize=50`,
  }));

  console.log(
    `AJIO sandbox throughput (Node ${process.version}, sandbox on the main thread, load from a child process, ${connections} keep-alive connections, ${seconds}s per run after 1s warm-up)`,
  );
  console.log(`data: ${catalog.length} styles / ${variants.length} SKUs, ${pos.length} POs (${pages} pages of 50)`);
  for (const job of [
    { name: 'GET /orders (pages of 50 POs)', requests: orderPages },
    { name: 'POST /updateInventory (batches of 50)', requests: inventoryBatches },
  ]) {
    const r = await inWorker({ ...job, url: sb.url, token, seconds, connections });
    const rps = r.requests / r.seconds;
    console.log(
      `${r.name.padEnd(40)} ${rps.toFixed(0).padStart(7)} req/s  ${(r.bytes / r.seconds / 1e6).toFixed(1).padStart(6)} MB/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}  ${rps >= 2000 ? 'OK (target >= 2000)' : 'BELOW TARGET (2000)'}`,
    );
  }
  await sb.close();
}

if (process.argv.includes('--load-generator'))
  process.once('message', async (job) => process.send!(await load(job as Job)));
else await main();
