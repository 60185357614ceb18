import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { ajioFigures, createInventoryFixture, seller, type InventoryFixture } from '../helpers/inventory-fixture.ts';

for (const kind of databaseKinds) {
  describe(`AJIO inventory reconciliation (${kind})`, () => {
    let f: InventoryFixture;

    /** A push made outside Weft (another tool, AJIO's portal): the drift reconciliation must find. */
    const pushOutsideWeft = async (items: { sku: string; productId: string; variantId: string; inventory: number }[]) => {
      const token = await f.sandbox.login(seller.username, seller.password);
      const response = await fetch(`${f.sandbox.url}/updateInventory`, {
        method: 'POST', headers: { apiKey: token, 'content-type': 'application/json' }, body: JSON.stringify({ inventoryList: items }),
      });
      assert.equal(((await response.json()) as { status: string }).status, 'SUCCESS');
    };

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 20 });
      await f.setOnHandAll(6);
      const run = await f.run('inventory');
      assert.equal(run.status, 'succeeded', run.error ?? '');
    });
    after(async () => f.close());

    test('finds injected drift, corrects it, and reports both figures (also as CSV)', async () => {
      const [a, b, c, d] = f.listings;
      await pushOutsideWeft([
        { sku: a.channelSku, productId: a.productId, variantId: a.variantId, inventory: 99 },
        { sku: b.channelSku, productId: b.productId, variantId: b.variantId, inventory: 0 },
      ]);
      // A customer order on ajio.com lowers AJIO's figure before Weft has pulled the pendency.
      await f.sandbox.control.placeCustomerOrders(seller.username, [{ lines: [{ sku: c.channelSku, quantity: 2 }] }]);
      // A correction AJIO refuses stays uncorrected with AJIO's reason.
      await pushOutsideWeft([{ sku: d.channelSku, productId: d.productId, variantId: d.variantId, inventory: 1 }]);
      await f.sandbox.control.failSkus([{ sku: d.channelSku, message: 'LISTING_BLOCKED', count: 1 }]);
      // Reading AJIO's catalogue survives a 500 and a throttled page.
      await f.sandbox.control.injectFaults([{ route: 'GET /products', type: '500', count: 1 }, { route: 'GET /products', type: '429', count: 1 }]);

      const run = await f.run('reconcile');
      assert.equal(run.status, 'partial', run.error ?? '');
      assert.equal(run.unchanged, f.listings.length - 4);
      assert.equal(run.updated, 3);
      assert.equal(run.failed, 1);

      const reports = (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items;
      assert.equal(reports.length, 1);
      assert.deepEqual({ compared: reports[0].compared, drifted: reports[0].drifted, corrected: reports[0].corrected, runId: reports[0].runId },
        { compared: f.listings.length, drifted: 4, corrected: 3, runId: run.id });
      const report = (await f.call('GET', `/api/reconciliation-reports/${reports[0].id}`)).json();
      const drift = new Map(report.drifts.map((x: { channelSku: string }) => [x.channelSku, x]));
      assert.deepEqual(drift.get(a.channelSku), {
        id: (drift.get(a.channelSku) as { id: number }).id, listingId: a.listingId, channelSku: a.channelSku, sku: a.skuCode,
        marketplaceQty: 99, weftQty: 6, corrected: true, message: null,
      });
      assert.equal((drift.get(c.channelSku) as { marketplaceQty: number }).marketplaceQty, 4);
      assert.equal((drift.get(d.channelSku) as { corrected: boolean }).corrected, false);
      assert.match((drift.get(d.channelSku) as { message: string }).message, /Correction not accepted: AJIO: LISTING_BLOCKED/);

      const ajio = await ajioFigures(f.sandbox);
      for (const l of [a, b, c]) assert.equal(ajio.get(l.channelSku), 6, `${l.channelSku} corrected`);
      assert.equal(ajio.get(d.channelSku), 1);

      const csv = await f.call('GET', `/api/reconciliation-reports/${reports[0].id}.csv`);
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="reconciliation-\d+\.csv"/);
      const lines = csv.body.trim().split('\n');
      assert.equal(lines[0], 'channel_sku,weft_sku,marketplace_qty,weft_qty,difference,corrected,message');
      assert.equal(lines.length, 5);
      assert.ok(lines.includes(`${a.channelSku},${a.skuCode},99,6,93,yes,`));
      assert.ok(lines.includes(`${b.channelSku},${b.skuCode},0,6,-6,yes,`));
    });

    test('the refused correction is retried by the next push, and a second reconciliation finds no drift', async () => {
      const push = await f.run('inventory');
      assert.equal(push.status, 'succeeded');
      assert.equal(push.updated, 1);
      const run = await f.run('reconcile');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      const [latest] = (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items;
      assert.deepEqual([latest.compared, latest.drifted, latest.corrected], [f.listings.length, 0, 0]);
      const csv = await f.call('GET', `/api/reconciliation-reports/${latest.id}.csv`);
      assert.equal(csv.body, 'channel_sku,weft_sku,marketplace_qty,weft_qty,difference,corrected,message\n');
      assert.equal((await f.call('GET', '/api/reconciliation-reports/999999')).statusCode, 404);
    });
  });
}
