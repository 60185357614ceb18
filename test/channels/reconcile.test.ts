import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { missingMessage } from '../../src/core/reconciliation.ts';
import { databaseKinds } from '../helpers/databases.ts';
import {
  ajioFigures,
  createInventoryFixture,
  seller,
  type InventoryFixture,
  type Listing,
} from '../helpers/inventory-fixture.ts';

const csvHeader = 'channel_sku,weft_sku,marketplace_qty,weft_qty,difference,corrected,message,kind';
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

for (const kind of databaseKinds) {
  describe(`AJIO inventory reconciliation (${kind})`, () => {
    let f: InventoryFixture;

    /** A push made outside Weft (another tool, AJIO's portal): the drift reconciliation must find. */
    const pushOutsideWeft = async (
      items: { sku: string; productId: string; variantId: string; inventory: number }[],
    ) => {
      const token = await f.sandbox.login(seller.username, seller.password);
      const response = await fetch(`${f.sandbox.url}/updateInventory`, {
        method: 'POST',
        headers: { apiKey: token, 'content-type': 'application/json' },
        body: JSON.stringify({ inventoryList: items }),
      });
      assert.equal(((await response.json()) as { status: string }).status, 'SUCCESS');
    };

    /** Takes the last style out of AJIO's catalogue, as AJIO does when it delists one, until `restore`. */
    const dropLastStyle = () => {
      const products = f.sandbox.sandbox.state.sellers.get(seller.username)!.catalog.products;
      const gone = products.pop()!;
      return {
        listings: f.listings.filter((l) => l.productId === gone.productId),
        restore: () => {
          products.push(gone);
        },
      };
    };

    /** How many figures AJIO has received for these listings, ever. */
    const pushesReceived = async (listings: Listing[]) => {
      const skus = new Set(listings.map((l) => l.channelSku));
      const { items } = await f.sandbox.control.received<{ sku: string }>(seller.username, 'inventory');
      return items.filter((i) => skus.has(i.sku)).length;
    };

    const latestReport = async () =>
      (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items[0];

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
      await f.sandbox.control.injectFaults([
        { route: 'GET /products', type: '500', count: 1 },
        { route: 'GET /products', type: '429', count: 1 },
      ]);

      const run = await f.run('reconcile');
      assert.equal(run.status, 'partial', run.error ?? '');
      assert.equal(run.unchanged, f.listings.length - 4);
      assert.equal(run.updated, 3);
      assert.equal(run.failed, 1);

      const reports = (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items;
      assert.equal(reports.length, 1);
      assert.deepEqual(
        {
          compared: reports[0].compared,
          drifted: reports[0].drifted,
          corrected: reports[0].corrected,
          missing: reports[0].missing,
          runId: reports[0].runId,
        },
        { compared: f.listings.length, drifted: 4, corrected: 3, missing: 0, runId: run.id },
      );
      const report = (await f.call('GET', `/api/reconciliation-reports/${reports[0].id}`)).json();
      const drift = new Map(report.drifts.map((x: { channelSku: string }) => [x.channelSku, x]));
      assert.deepEqual(drift.get(a.channelSku), {
        id: (drift.get(a.channelSku) as { id: number }).id,
        kind: 'drift',
        listingId: a.listingId,
        channelSku: a.channelSku,
        sku: a.skuCode,
        marketplaceQty: 99,
        weftQty: 6,
        corrected: true,
        message: null,
      });
      assert.equal((drift.get(c.channelSku) as { marketplaceQty: number }).marketplaceQty, 4);
      assert.equal((drift.get(d.channelSku) as { corrected: boolean }).corrected, false);
      assert.match(
        (drift.get(d.channelSku) as { message: string }).message,
        /Correction not accepted: AJIO: LISTING_BLOCKED/,
      );

      const ajio = await ajioFigures(f.sandbox);
      for (const l of [a, b, c]) assert.equal(ajio.get(l.channelSku), 6, `${l.channelSku} corrected`);
      assert.equal(ajio.get(d.channelSku), 1);

      const csv = await f.call('GET', `/api/reconciliation-reports/${reports[0].id}.csv`);
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="reconciliation-\d+\.csv"/);
      const lines = csv.body.trim().split('\n');
      assert.equal(lines[0], csvHeader);
      assert.equal(lines.length, 5);
      assert.ok(lines.includes(`${a.channelSku},${a.skuCode},99,6,93,yes,,drift`));
      assert.ok(lines.includes(`${b.channelSku},${b.skuCode},0,6,-6,yes,,drift`));
    });

    test('the refused correction is retried by the next push, and a second reconciliation finds no drift', async () => {
      const push = await f.run('inventory');
      assert.equal(push.status, 'succeeded');
      assert.equal(push.updated, 1);
      const run = await f.run('reconcile');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      const [latest] = (await f.call('GET', `/api/channels/${f.channelCode}/reconciliation-reports`)).json().items;
      assert.deepEqual(
        [latest.compared, latest.drifted, latest.corrected, latest.missing],
        [f.listings.length, 0, 0, 0],
      );
      const csv = await f.call('GET', `/api/reconciliation-reports/${latest.id}.csv`);
      assert.equal(csv.body, `${csvHeader}\n`);
      assert.equal((await f.call('GET', '/api/reconciliation-reports/999999')).statusCode, 404);
    });

    test('a mapped listing AJIO no longer lists is reported missing, with no correction pushed; the rest reconcile as before', async () => {
      const [a] = f.listings;
      const dropped = dropLastStyle();
      const [first] = dropped.listings;
      assert.ok(dropped.listings.length > 0 && !dropped.listings.includes(a));
      try {
        // Weft's figure of a dropped listing moves: were it compared, a correction would be due.
        await f.setOnHand(first, 9);
        await pushOutsideWeft([{ sku: a.channelSku, productId: a.productId, variantId: a.variantId, inventory: 50 }]);
        const pushedBefore = await pushesReceived(dropped.listings);

        const run = await f.run('reconcile');
        assert.equal(run.status, 'succeeded', run.error ?? '');
        const compared = f.listings.length - dropped.listings.length;
        assert.deepEqual(
          [run.unchanged, run.updated, run.failed],
          [compared - 1, 1, 0],
          'missing listings are not run records',
        );

        const latest = await latestReport();
        assert.deepEqual(
          [latest.compared, latest.drifted, latest.corrected, latest.missing],
          [compared, 1, 1, dropped.listings.length],
        );
        const report = (await f.call('GET', `/api/reconciliation-reports/${latest.id}`)).json();
        const expectedMissing = dropped.listings.map((l) => ({
          kind: 'missing',
          listingId: l.listingId,
          channelSku: l.channelSku,
          sku: l.skuCode,
          marketplaceQty: null,
          weftQty: l === first ? 9 : 6,
          corrected: false,
          message: missingMessage,
        }));
        const withoutId = ({ id: _id, ...rest }: { id: number }) => rest;
        assert.deepEqual(report.drifts.map(withoutId), [
          {
            kind: 'drift',
            listingId: a.listingId,
            channelSku: a.channelSku,
            sku: a.skuCode,
            marketplaceQty: 50,
            weftQty: 6,
            corrected: true,
            message: null,
          },
          ...expectedMissing,
        ]);
        const onlyMissing = (await f.call('GET', `/api/reconciliation-reports/${latest.id}?kind=missing`)).json();
        assert.deepEqual(onlyMissing.drifts.map(withoutId), expectedMissing);
        const onlyDrift = (await f.call('GET', `/api/reconciliation-reports/${latest.id}?kind=drift`)).json();
        assert.deepEqual(
          onlyDrift.drifts.map((d: { channelSku: string }) => d.channelSku),
          [a.channelSku],
        );
        assert.equal((await f.call('GET', `/api/reconciliation-reports/${latest.id}?kind=gone`)).statusCode, 400);

        const csv = (await f.call('GET', `/api/reconciliation-reports/${latest.id}.csv`)).body.trim().split('\n');
        assert.deepEqual(csv, [
          csvHeader,
          `${a.channelSku},${a.skuCode},50,6,44,yes,,drift`,
          ...dropped.listings.map(
            (l) =>
              `${l.channelSku},${l.skuCode},,${l === first ? 9 : 6},,no,${quoted(missingMessage)},missing at the marketplace`,
          ),
        ]);

        assert.equal(
          await pushesReceived(dropped.listings),
          pushedBefore,
          'nothing is pushed to a listing AJIO does not list',
        );
        const ajio = await ajioFigures(f.sandbox);
        assert.equal(ajio.size, compared);
        for (const l of f.listings.filter((x) => !dropped.listings.includes(x)))
          assert.equal(ajio.get(l.channelSku), 6, `${l.channelSku} at AJIO`);
        const { rows } = await f.database.query<{ marketplace_inventory: number | null }>(
          'select marketplace_inventory from channel_listings where id = any($1::bigint[])',
          [dropped.listings.map((l) => l.listingId)],
        );
        assert.deepEqual(
          rows.map((r) => r.marketplace_inventory),
          dropped.listings.map(() => null),
          'AJIO shows no figure for them',
        );
      } finally {
        dropped.restore();
        await f.setOnHand(first, 6);
      }
    });

    test('listings the SKU pull has made inactive are known gone: not reported missing again; back at AJIO, they reconcile', async () => {
      const active = async () =>
        new Set(
          (
            await f.database.query<{ id: number }>('select id from channel_listings where channel_id = $1 and active', [
              f.channelId,
            ])
          ).rows.map((r) => Number(r.id)),
        );
      const dropped = dropLastStyle();
      try {
        const pull = await f.run('skus');
        assert.equal(pull.status, 'succeeded', pull.error ?? '');
        const left = await active();
        assert.ok(
          dropped.listings.every((l) => !left.has(l.listingId)),
          'the SKU pull made the vanished listings inactive',
        );
        const run = await f.run('reconcile');
        assert.equal(run.status, 'succeeded', run.error ?? '');
        const latest = await latestReport();
        assert.deepEqual([latest.compared, latest.drifted, latest.missing], [left.size, 0, 0]);
      } finally {
        dropped.restore();
      }
      assert.equal((await f.run('skus')).status, 'succeeded');
      const back = await active();
      assert.ok(
        dropped.listings.every((l) => back.has(l.listingId)),
        'back at AJIO, active again',
      );
      const run = await f.run('reconcile');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      const latest = await latestReport();
      assert.deepEqual([latest.compared, latest.drifted, latest.missing], [back.size, 0, 0]);
    });
  });
}
