import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';
import { Api, PASSWORD, SELLER, setup, type Ctx } from './helpers.ts';

describe('sandbox: fault injection', () => {
  let ctx: Ctx;
  before(async () => {
    ctx = await setup({ styles: 3 });
  });
  after(() => ctx.close());

  test('500 for the next N calls of a route, then normal again', async () => {
    await ctx.sb.control.injectFaults({ route: 'GET /productsCount', type: '500', count: 2 });
    assert.equal((await ctx.api.get('/products')).status, 200, 'other routes unaffected');
    const a = await ctx.api.get('/productsCount');
    assert.equal(a.status, 500);
    assert.equal(a.body.success, false);
    assert.equal(a.body.statusCode, 500);
    assert.equal((await ctx.api.get('/productsCount')).status, 500);
    assert.equal((await ctx.api.get('/productsCount')).status, 200);
  });

  test('429 with Retry-After', async () => {
    await ctx.sb.control.injectFaults({ route: 'POST /updateInventory', type: '429', retryAfter: 3 });
    const res = await ctx.api.post('/updateInventory', { inventoryList: [] });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
  });

  test('401 and 423 on /authToken: AJIO refusing the login, the right password notwithstanding', async () => {
    await ctx.sb.control.injectFaults([
      { route: 'POST /authToken', type: '401' },
      { route: 'POST /authToken', type: '423' },
    ]);
    const login = () =>
      fetch(`${ctx.sb.url}/authToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: SELLER, password: PASSWORD }),
      });
    const refused = await login();
    assert.equal(refused.status, 401);
    assert.match(await refused.text(), /INVALID_CREDENTIALS/);
    const locked = await login();
    assert.equal(locked.status, 423);
    assert.match(await locked.text(), /LOGIN_LOCKED/);
    assert.equal((await login()).status, 200, 'normal again');
  });

  test('malformed JSON: 200 with a truncated body (the change still happens)', async () => {
    const p = ctx.catalog[0];
    const v = p.variants[0];
    await ctx.sb.control.injectFaults({ route: 'POST /updateInventory', type: 'malformed-json' });
    const res = await ctx.api.post('/updateInventory', {
      inventoryList: [{ productId: p.productId, variantId: v.sku, sku: v.sku, inventory: 9 }],
    });
    assert.equal(res.status, 200);
    assert.throws(() => JSON.parse(res.text));
    const view = await ctx.api.get(`/products?sku=${v.sku}`);
    assert.equal(view.body.products[0].variants[0].inventory, 9);
  });

  test('timeout: the request hangs and the socket is dropped; processed:true applies the change first', async () => {
    await ctx.sb.control.injectFaults({ route: 'GET /orders*', type: 'timeout', holdMs: 400 });
    const started = Date.now();
    await assert.rejects(fetch(`${ctx.sb.url}/orders/pendency`, { headers: { apiKey: ctx.api.token! } }));
    assert.ok(Date.now() - started >= 350, 'held before dropping');
    // A client timeout shorter than the hold gives up first.
    await ctx.sb.control.injectFaults({ route: 'GET /orders', type: 'timeout', holdMs: 5000 });
    await assert.rejects(
      fetch(`${ctx.sb.url}/orders`, { headers: { apiKey: ctx.api.token! }, signal: AbortSignal.timeout(200) }),
    );
    const p = ctx.catalog[1];
    const v = p.variants[0];
    await ctx.sb.control.injectFaults({
      route: 'POST /updateInventory',
      type: 'timeout',
      holdMs: 200,
      processed: true,
    });
    await assert.rejects(
      ctx.api.post('/updateInventory', {
        inventoryList: [{ productId: p.productId, variantId: v.sku, sku: v.sku, inventory: 4 }],
      }),
    );
    assert.equal(
      (await ctx.api.get(`/products?sku=${v.sku}`)).body.products[0].variants[0].inventory,
      4,
      'indeterminate: it happened',
    );
  });

  test('latency delays the reply', async () => {
    await ctx.sb.control.injectFaults([{ route: '* /productsCount', type: 'latency', latencyMs: 300 }]);
    const started = Date.now();
    assert.equal((await ctx.api.get('/productsCount')).status, 200);
    assert.ok(Date.now() - started >= 280);
  });

  test('faults can be listed and cleared; bad fault specs are 400', async () => {
    await ctx.sb.control.injectFaults({ route: 'GET /returns', type: '500', count: -1 });
    assert.equal((await ctx.sb.control.injectFaults({ skuFailures: [{ sku: 'X' }] })).faults.length, 1);
    assert.equal((await ctx.api.get('/returns')).status, 500);
    assert.equal((await ctx.api.get('/returns')).status, 500);
    await ctx.sb.control.clearFaults();
    assert.equal((await ctx.api.get('/returns')).status, 200);
    await assert.rejects(
      ctx.sb.control.injectFaults({ route: 'GET /x', type: 'boom' as any }),
      (e: any) => e.status === 400,
    );
  });
});

describe('sandbox: control API', () => {
  test('reset wipes sellers (including start-up ones), locks, faults and the clock', async () => {
    const sb = await startAjioSandbox({
      sellers: [{ username: 'DVSTART', password: 'pw' }],
      catalog: { styles: 2, seed: 1 },
    });
    try {
      assert.equal((await sb.control.seller('DVSTART')).variants, 8);
      const api = new Api(sb.url);
      for (let i = 0; i < 5; i++) await api.call('POST', '/authToken', { username: 'DVSTART', password: 'bad' });
      assert.equal((await api.call('POST', '/authToken', { username: 'DVSTART', password: 'pw' })).status, 423);
      await sb.control.advanceClock(3600);
      await sb.control.injectFaults({ route: '*', type: '500', count: -1 });
      assert.deepEqual(await sb.control.reset(), { ok: true });
      assert.deepEqual((await sb.control.sellers()).sellers, []);
      assert.equal((await sb.control.clock()).offsetSeconds, 0);
      assert.deepEqual((await sb.control.injectFaults({ skuFailures: [{ sku: 'Y' }] })).faults, []);
      await sb.control.clearFaults();
      await sb.control.addSeller({ username: 'DVSTART', password: 'pw' });
      assert.equal(
        (await api.call('POST', '/authToken', { username: 'DVSTART', password: 'pw' })).status,
        200,
        'lock gone',
      );
      assert.equal((await sb.control.seller('DVSTART')).variants, 0);
    } finally {
      await sb.close();
    }
  });

  test('POST sellers for an existing username replaces it with a fresh one', async () => {
    const ctx = await setup({ styles: 2 });
    try {
      await ctx.sb.control.placeCustomerOrders(SELLER, { count: 3, seed: 1 });
      const fresh = await ctx.sb.control.addSeller({
        username: SELLER,
        password: 'new',
        invoiceSeries: { prefix: 'N-', start: 5, end: 10 },
      });
      assert.equal(fresh.variants, 0);
      assert.equal(fresh.pendencyOrders, 0);
      assert.equal(fresh.nextInvoiceNumber, 5);
    } finally {
      await ctx.close();
    }
  });

  test('control input errors are 400/404 in the contract error shape', async () => {
    const sb = await startAjioSandbox();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${sb.origin}/__sandbox${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const bad = await post('/sellers', { username: 'nope', password: 'x' });
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys((await bad.json()) as object), ['success', 'statusCode', 'errorMessage']);
      assert.equal(
        (await post('/sellers', { username: 'DVA1', password: 'x', invoiceSeries: { prefix: 'A', start: 9, end: 1 } }))
          .status,
        400,
      );
      assert.equal((await post('/sellers/DVNONE/catalog', { styles: 1 })).status, 404);
      await sb.control.addSeller({ username: 'DVA1', password: 'x' });
      assert.equal(
        (await post('/sellers/DVA1/customer-orders', { orders: [{ lines: [{ sku: 'missing' }] }] })).status,
        400,
      );
      assert.equal((await post('/clock', { advanceSeconds: -5 })).status, 400);
      assert.equal((await fetch(`${sb.origin}/__sandbox/sellers/DVA1/received/everything`)).status, 400);
      const notFound = await fetch(`${sb.url}/nowhere`);
      assert.equal(notFound.status, 404);
      assert.equal(((await notFound.json()) as { success: boolean }).success, false);
    } finally {
      await sb.close();
    }
  });

  test('every received kind is readable', async () => {
    const ctx = await setup({ styles: 1 });
    try {
      for (const kind of [
        'inventory',
        'invoices',
        'einvoice-updates',
        'shipments',
        'manifests',
        'cancellations',
      ] as const) {
        const r = await ctx.sb.control.received(SELLER, kind);
        assert.ok(Array.isArray(r.items), kind);
      }
    } finally {
      await ctx.close();
    }
  });

  test('the contract can live under a path prefix; the control API stays at /__sandbox/', async () => {
    const sb = await startAjioSandbox({ prefix: '/jit/v1/', sellers: [{ username: 'DVP1', password: 'pw' }] });
    try {
      assert.match(sb.url, /\/jit\/v1$/);
      const token = await sb.login('DVP1', 'pw');
      assert.equal((await fetch(`${sb.url}/productsCount`, { headers: { apiKey: token } })).status, 200);
      assert.equal((await fetch(`${sb.origin}/productsCount`, { headers: { apiKey: token } })).status, 404);
      assert.equal((await sb.control.seller('DVP1')).username, 'DVP1');
    } finally {
      await sb.close();
    }
  });

  test('a snapshot file keeps state across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'weft-snap-')), 'sandbox.json');
    const first = await setup({ styles: 3, snapshotFile: file, market: { poEverySeconds: 0 } });
    await first.sb.control.placeCustomerOrders(SELLER, { count: 5, seed: 2 });
    const [po] = await first.sb.control.raisePurchaseOrders(SELLER);
    await first.sb.control.placeCustomerOrders(SELLER, { count: 2, seed: 3 });
    await first.sb.control.advanceClock(600);
    const before = (await first.api.get(`/orders?orderIds=${po.order_id}`)).text;
    const pendingBefore = (await first.api.get('/orders/pendency')).body;
    await first.close();

    const second = await startAjioSandbox({ snapshotFile: file, rateLimit: false });
    try {
      const api = new Api(second.url, await second.login(SELLER, 'secret'));
      const after = (await api.get(`/orders?orderIds=${po.order_id}`)).text;
      assert.equal(after.replace(/127\.0\.0\.1:\d+/g, 'H'), before.replace(/127\.0\.0\.1:\d+/g, 'H'));
      assert.deepEqual((await api.get('/orders/pendency')).body, pendingBefore);
      assert.ok((await second.control.clock()).offsetSeconds >= 600);
      const more = await second.control.placeCustomerOrders(SELLER, [
        { lines: [{ sku: first.catalog[0].variants[0].sku }] },
      ]);
      assert.match(more.orders![0].order_id, /0000008$/, 'ids continue');
    } finally {
      await second.close();
    }
  });
});
