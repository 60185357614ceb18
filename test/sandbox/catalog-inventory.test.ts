import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';
import { SELLER, setup, type Ctx } from './helpers.ts';

const validEan = (ean: string) => {
  const digits = [...ean].map(Number);
  const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
};

describe('sandbox: catalogue', () => {
  let ctx: Ctx;
  before(async () => {
    ctx = await setup({ styles: 60 });
  });
  after(() => ctx.close());

  test('seeded catalogue is deterministic and complete (sellerSku, valid EAN-13, 9/12-digit ids)', async () => {
    const other = await startAjioSandbox();
    try {
      await other.control.addSeller({ username: 'DVSAME', password: 'x' });
      await other.control.seedCatalog('DVSAME', { styles: 60, seed: 42, publishedRatio: 1 });
      const again = await other.control.getCatalog('DVSAME');
      assert.deepEqual(
        again.map((p) => p.variants.map((v) => [v.sku, v.sellerSku, v.ean])),
        ctx.catalog.map((p) => p.variants.map((v) => [v.sku, v.sellerSku, v.ean])),
      );
    } finally {
      await other.close();
    }
    assert.equal(ctx.catalog.length, 60);
    for (const p of ctx.catalog) {
      assert.match(p.productId, /^\d{9}$/);
      assert.ok(['6109', '6205', '6203', '6211', '6204', '6201', '6403'].includes(p.hsn));
      for (const v of p.variants) {
        assert.match(v.sku, new RegExp(`^${p.productId}\\d{3}$`));
        assert.equal(v.variantId, v.sku);
        assert.match(v.sellerSku, /^SS-[A-Z]{2}\d{5}-\w+$/);
        assert.ok(validEan(v.ean), `EAN ${v.ean}`);
        assert.ok(v.listingPrice <= v.mrp);
      }
    }
  });

  test('GET /products pages up to 50 and refuses more', async () => {
    const p1 = await ctx.api.get('/products?pageNumber=1&pageSize=50');
    assert.equal(p1.status, 200);
    assert.equal(p1.body.products.length, 50);
    assert.deepEqual(p1.body.page, { number: 1, size: 50, totalElements: 60, totalPages: 2 });
    const p2 = await ctx.api.get('/products?pageNumber=2&pageSize=50');
    assert.equal(p2.body.products.length, 10);
    const big = await ctx.api.get('/products?pageSize=51');
    assert.equal(big.status, 400);
    assert.equal(big.body.success, false);
    assert.equal(big.body.statusCode, 400);
    assert.match(big.body.errorMessage, /pageSize/);
    assert.equal((await ctx.api.get('/products?pageNumber=0')).status, 400);
    const v = p1.body.products[0].variants[0];
    for (const k of [
      'variantId',
      'sku',
      'sellerSku',
      'ean',
      'size',
      'color',
      'mrp',
      'listingPrice',
      'live',
      'inventory',
      'blockedInventory',
      'pendency',
    ])
      assert.ok(k in v, k);
  });

  test('publishedStatus and sku filters; productsCount', async () => {
    await ctx.sb.control.seedCatalog(SELLER, {
      products: [
        {
          brand: 'Hidden',
          title: 'Draft Tee',
          hsn: '6109',
          published: false,
          variants: [
            { sellerSku: 'DRAFT-1', ean: '8901234567897', size: 'M', color: 'Red', mrp: 999, listingPrice: 799 },
          ],
        },
      ],
    });
    assert.deepEqual((await ctx.api.get('/productsCount')).body, { count: 61 });
    assert.deepEqual((await ctx.api.get('/productsCount?publishedStatus=PUBLISHED')).body, { count: 60 });
    assert.deepEqual((await ctx.api.get('/productsCount?publishedStatus=UNPUBLISHED')).body, { count: 1 });
    const un = await ctx.api.get('/products?publishedStatus=UNPUBLISHED');
    assert.equal(un.body.products[0].title, 'Draft Tee');
    assert.equal(un.body.products[0].variants[0].live, false);
    const sku = ctx.catalog[3].variants[2].sku;
    const one = await ctx.api.get(`/products?sku=${sku}`);
    assert.equal(one.body.products.length, 1);
    assert.deepEqual(
      one.body.products[0].variants.map((v: any) => v.sku),
      [sku],
    );
    assert.equal((await ctx.api.get('/products?publishedStatus=MAYBE')).status, 400);
  });
});

describe('sandbox: inventory', () => {
  let ctx: Ctx;
  before(async () => {
    ctx = await setup({ styles: 20 });
  });
  after(() => ctx.close());

  const entry = (v: { sku: string }, p: { productId: string }, inventory: number) => ({
    productId: p.productId,
    variantId: v.sku,
    sku: v.sku,
    inventory,
  });

  test('absolute quantities, visible in /products and in received/inventory', async () => {
    const p = ctx.catalog[0];
    const list = p.variants.map((v, i) => entry(v, p, 10 + i));
    const res = await ctx.api.post('/updateInventory', { inventoryList: list });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'SUCCESS', failedProductList: [] });
    // Absolute, not a delta: pushing 5 gives 5.
    await ctx.api.post('/updateInventory', { inventoryList: [entry(p.variants[0], p, 5)] });
    const view = await ctx.api.get(`/products?sku=${p.variants[0].sku}`);
    assert.equal(view.body.products[0].variants[0].inventory, 5);
    const received = await ctx.sb.control.received(SELLER, 'inventory');
    const r0 = received.items.find((i: any) => i.sku === p.variants[0].sku);
    assert.equal(r0.inventory, 5);
    assert.equal(r0.updates, 2);
    assert.equal(received.items.find((i: any) => i.sku === p.variants[1].sku).inventory, 11);
  });

  test('more than 50 entries refuse the whole call with 400', async () => {
    const all = ctx.catalog.flatMap((p) => p.variants.map((v) => entry(v, p, 1)));
    assert.ok(all.length > 50);
    const res = await ctx.api.post('/updateInventory', { inventoryList: all.slice(0, 51) });
    assert.equal(res.status, 400);
    assert.equal(res.body.success, false);
    const check = await ctx.api.get(`/products?sku=${all[50].sku}`);
    assert.equal(check.body.products[0].variants[0].inventory, 0, 'nothing applied');
    assert.equal((await ctx.api.post('/updateInventory', { inventoryList: all.slice(0, 50) })).body.status, 'SUCCESS');
  });

  test('unknown SKUs and bad quantities give PARTIAL_SUCCESS with per-item messages; all bad is FAILED', async () => {
    const p = ctx.catalog[1];
    const res = await ctx.api.post('/updateInventory', {
      inventoryList: [
        entry(p.variants[0], p, 3),
        { productId: '999999999', variantId: '999999999001', sku: '999999999001', inventory: 1 },
        entry(p.variants[1], p, -1),
      ],
    });
    assert.equal(res.body.status, 'PARTIAL_SUCCESS');
    assert.deepEqual(
      res.body.failedProductList.map((f: any) => [f.sku, f.message.split(':')[0]]),
      [
        ['999999999001', 'SKU_NOT_FOUND'],
        [p.variants[1].sku, 'INVALID_INVENTORY'],
      ],
    );
    const failed = await ctx.api.post('/updateInventory', {
      inventoryList: [{ productId: '1', variantId: '1', sku: 'nope', inventory: 1 }],
    });
    assert.equal(failed.body.status, 'FAILED');
  });

  test('injected SKU failures fail those items only', async () => {
    const p = ctx.catalog[2];
    await ctx.sb.control.failSkus([{ sku: p.variants[0].sku, message: 'LISTING_BLOCKED', count: 1 }]);
    const res = await ctx.api.post('/updateInventory', { inventoryList: p.variants.map((v) => entry(v, p, 7)) });
    assert.equal(res.body.status, 'PARTIAL_SUCCESS');
    assert.deepEqual(res.body.failedProductList, [
      { productId: p.productId, variantId: p.variants[0].sku, sku: p.variants[0].sku, message: 'LISTING_BLOCKED' },
    ]);
    const again = await ctx.api.post('/updateInventory', { inventoryList: p.variants.map((v) => entry(v, p, 7)) });
    assert.equal(again.body.status, 'SUCCESS', 'count 1: only the next batch fails');
  });

  test('customer orders lower AJIO-side stock, never below zero, and show as pendency', async () => {
    const p = ctx.catalog[3];
    const v = p.variants[0];
    await ctx.api.post('/updateInventory', { inventoryList: [entry(v, p, 3)] });
    await ctx.sb.control.placeCustomerOrders(SELLER, [{ lines: [{ sku: v.sellerSku, quantity: 2 }] }]);
    let view = (await ctx.api.get(`/products?sku=${v.sku}`)).body.products[0].variants[0];
    assert.equal(view.inventory, 1);
    assert.equal(view.pendency, 2);
    await ctx.sb.control.placeCustomerOrders(SELLER, [{ lines: [{ sku: v.ean, quantity: 5 }] }]);
    view = (await ctx.api.get(`/products?sku=${v.sku}`)).body.products[0].variants[0];
    assert.equal(view.inventory, 0, 'taken as given; stock stops at zero');
    assert.equal(view.pendency, 7);
    await ctx.sb.control.raisePurchaseOrders(SELLER);
    view = (await ctx.api.get(`/products?sku=${v.sku}`)).body.products[0].variants[0];
    assert.equal(view.pendency, 0);
    assert.equal(view.blockedInventory, 7);
  });
});
