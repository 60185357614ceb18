import type { StreamContext } from '../../src/core/channel-descriptor.ts';
import type { getRun } from '../../src/core/sync/runs.ts';
import { startAjioSandbox, type CatalogProduct, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import { createTestApp, type TestApp } from './app.ts';
import { runStream } from './run-stream.ts';
import type { DatabaseKind } from './databases.ts';

/**
 * A warehouse, an AJIO JIT channel pointed at an in-process sandbox, and a Weft SKU master built
 * from the sandbox catalogue, for the channel-mapping and pendency suites. Runs are executed in the
 * test (no worker), optionally with the stream's context wrapped to act between pages.
 */
export const seller = { username: 'DVMAP01', password: 'api-secret' };

export interface ChannelFixture {
  t: TestApp;
  sandbox: StartedSandbox;
  code: string;
  catalog: CatalogProduct[];
  /** Requests a run over the API and executes it; resolves with the finished run and its failed records. */
  run(
    stream: string,
    options?: { retryOf?: number; wrap?: (ctx: StreamContext) => StreamContext },
  ): Promise<Awaited<ReturnType<typeof getRun>>>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  styles: number;
  /** Which Weft SKU (if any) a catalogue variant gets: matched by code, by EAN, or none. */
  master?: (sellerSku: string, ean: string, index: number) => { code: string; ean?: string } | null;
  /** Sandbox options (PO schedule, throttle). */
  market?: { poEverySeconds?: number };
  /** Options of the test app (such as its /metrics settings). */
  app?: Parameters<typeof createTestApp>[1];
}

export async function createChannelFixture(kind: DatabaseKind, options: FixtureOptions): Promise<ChannelFixture> {
  const t = await createTestApp(kind, options.app);
  const sandbox = await startAjioSandbox({
    sellers: [seller],
    rateLimit: false,
    market: { poEverySeconds: options.market?.poEverySeconds ?? 0 },
  });
  await sandbox.control.seedCatalog(seller.username, {
    styles: options.styles,
    seed: 42,
    initialInventory: 5,
    publishedRatio: 1,
  });
  const catalog = await sandbox.control.getCatalog(seller.username);
  await t.call('POST', '/api/warehouses', {
    body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7' },
  });
  const created = await t.call('POST', '/api/channels', {
    body: {
      type: 'ajio-jit',
      name: 'AJIO JIT Bhiwandi',
      warehouse: 'MUM1',
      // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
      mode: 'live',
      settings: {
        orderSyncFrom: '2024-01-01',
        returnSyncFrom: '2024-01-01',
        baseUrl: sandbox.url,
        rateLimitPerSecond: 50,
      },
      interface: { ...seller, isB2B: 'Yes' },
    },
  });
  if (created.statusCode !== 201) throw new Error(`channel: ${created.body}`);
  const code = created.json().code as string;

  const rows = ['code,ean,name,mrp'];
  let index = 0;
  for (const product of catalog) {
    for (const v of product.variants) {
      const sku = options.master?.(v.sellerSku, v.ean, index++);
      if (sku) rows.push(`${sku.code},${sku.ean ?? ''},${product.title.replace(/,/g, ' ')} ${v.size},${v.mrp}`);
    }
  }
  const imported = await t.call('POST', '/api/skus/import', {
    body: `${rows.join('\n')}\n`,
    headers: { 'content-type': 'text/csv' },
  });
  if (imported.statusCode !== 200 || imported.json().failed) throw new Error(`sku import: ${imported.body}`);

  return {
    t,
    sandbox,
    code,
    catalog,
    run: (stream, runOptions) => runStream(t, code, stream, runOptions),
    async close() {
      await sandbox.close();
      await t.close();
    },
  };
}

/** Wraps a context so `after(n)` runs after the stream's n-th call of `record` (1-based). */
export function afterRecords(after: (call: number) => Promise<void>) {
  return (ctx: StreamContext): StreamContext => {
    let calls = 0;
    return {
      ...ctx,
      record: async (results) => {
        await ctx.record(results);
        await after(++calls);
      },
    };
  };
}
