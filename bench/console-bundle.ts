/**
 * The console's initial JavaScript as a browser receives it: builds the console if needed, starts the
 * real app on a free port (embedded database in memory), GETs index.html, then fetches each script it
 * loads (entry and module preloads) with Accept-Encoding br, gzip and none, over HTTP without
 * unpacking, and prints the bytes on the wire. Fails when the gzip total is over the 300 KB budget or
 * a script comes back uncompressed to a browser that accepts compression.
 *
 *   npm run bench:console-bundle
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { bundleBudgetBytes } from '../scripts/console-bundle-size.ts';
import { buildWeb } from '../scripts/web-build.mjs';
import { startBenchApp } from './bench-app.ts';

const encodings = ['br', 'gzip', 'identity'] as const;

/** One GET with node:http, which (unlike fetch) hands over the body as sent: compressed bytes stay so. */
function wire(url: string, acceptEncoding: string): Promise<{ status: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: String(res.headers['content-encoding'] ?? 'identity'),
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const built = buildWeb({ ifMissing: true });
if (built) throw new Error(built);

const database = await openDatabase({});
await migrate(database);
const { app, close } = await startBenchApp(database);
try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const page = await wire(`${base}/`, 'identity');
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}: ${page.body.toString()}`);
  const scripts = [
    ...new Set(
      [
        ...page.body
          .toString()
          .matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g),
      ].map((m) => m[1]),
    ),
  ];
  const totals = { br: 0, gzip: 0, identity: 0 };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  console.log(`${'initial script'.padEnd(34)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
  for (const script of scripts) {
    const sizes = { br: 0, gzip: 0, identity: 0 };
    for (const encoding of encodings) {
      const got = await wire(`${base}${script}`, encoding);
      if (got.status !== 200) throw new Error(`GET ${script} answered ${got.status}`);
      if (got.encoding !== encoding) {
        console.error(`${script} with accept-encoding ${encoding} came back as ${got.encoding}`);
        process.exitCode = 1;
      }
      sizes[encoding] = got.body.length;
      totals[encoding] += got.body.length;
    }
    console.log(`${script.padEnd(34)} ${kb(sizes.identity)} ${kb(sizes.gzip)} ${kb(sizes.br)}`);
  }
  console.log(`${'initial JavaScript'.padEnd(34)} ${kb(totals.identity)} ${kb(totals.gzip)} ${kb(totals.br)}`);
  console.log(`(${scripts.length} scripts over HTTP; budget ${bundleBudgetBytes / 1024} KB gzipped)`);
  if (totals.gzip > bundleBudgetBytes) process.exitCode = 1;
} finally {
  await close();
  await database.close();
}
