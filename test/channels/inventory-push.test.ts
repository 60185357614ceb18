import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { ajioFigures, createInventoryFixture, seller, type InventoryFixture } from '../helpers/inventory-fixture.ts';
import { inventoryStream } from '../../src/channels/ajio-jit/streams/inventory.ts';
import { reconcileStream } from '../../src/channels/ajio-jit/streams/reconcile.ts';
import { ajioSettingsSchema } from '../../src/channels/ajio-jit/settings.ts';

const settings = (change: Record<string, unknown> = {}) =>
  ajioSettingsSchema.parse({ orderSyncFrom: '2026-01-01', returnSyncFrom: '2026-01-01', ...change });

test('real-time mode asks for a push every minute; scheduled mode on its interval; off disables it', () => {
  assert.deepEqual(inventoryStream.schedule(settings()), { everyMinutes: 1 });
  assert.deepEqual(inventoryStream.schedule(settings({ inventory: { mode: 'scheduled', intervalMinutes: 45 } })), {
    everyMinutes: 45,
  });
  assert.equal(inventoryStream.disabledBecause(settings()), null);
  assert.match(inventoryStream.disabledBecause(settings({ inventory: { enabled: false } }))!, /Inventory sync is off/);
  assert.equal(reconcileStream.schedule(settings()), null, 'reconciliation is daily only when switched on');
  assert.deepEqual(reconcileStream.schedule(settings({ reconciliation: { enabled: true, dailyAt: '02:15' } })), {
    dailyAtIst: '02:15',
  });
  assert.equal(reconcileStream.disabledBecause(settings()), null, 'on demand it is allowed while inventory sync is on');
});

for (const kind of databaseKinds) {
  describe(`AJIO inventory push (${kind})`, () => {
    let f: InventoryFixture;
    /** Weft's last pushed figure and status per AJIO SKU, through the API. */
    const weftState = async () => {
      const body = (await f.call('GET', `/api/channels/${f.channelCode}/inventory?limit=1000`)).json();
      return new Map<string, { quantity: number | null; status: string; message: string | null }>(
        body.items.map((i: { channelSku: string; quantity: number | null; status: string; message: string | null }) => [
          i.channelSku,
          i,
        ]),
      );
    };
    const updatesBySku = async () => {
      const received = await f.sandbox.control.received<{ sku: string; updates: number; inventory: number }>(
        seller.username,
        'inventory',
      );
      return new Map(received.items.map((i) => [i.sku, i]));
    };
    /** Every listing's figure at AJIO equals Weft's, and every push stands at success. */
    const assertInStep = async () => {
      const [state, ajio] = await Promise.all([weftState(), ajioFigures(f.sandbox)]);
      for (const l of f.listings) {
        const s = state.get(l.channelSku)!;
        assert.equal(s.status, 'success', `${l.channelSku}: ${s.message}`);
        assert.equal(ajio.get(l.channelSku), s.quantity, `AJIO's figure of ${l.channelSku}`);
      }
    };

    before(async () => {
      f = await createInventoryFixture(kind);
    });
    after(async () => f.close());

    test('the figure is on hand − allocated − reserved − buffer, explained line by line', async () => {
      const [a, b] = f.listings;
      const blr = Number(
        (await f.database.query<{ id: number }>("select id from warehouses where code = 'BLR1'")).rows[0].id,
      );
      await f.setOnHand(a, 10);
      await f.setOnHand(a, 5, blr); // not a source warehouse of this channel
      await f.addOrder('5010100001', [{ listing: a, quantity: 3, shipped: 1 }]); // allocates 2
      await f.addOrder('5010100002', [{ listing: a, quantity: 4 }], 'shipped'); // gone: allocates nothing
      await f.addPendency('FN1010000001', 'FN1010000001-1', a, 2);
      await f.addPendency('FN1010000002', 'FN1010000002-1', a, 4, 'released');
      await f.database.query('update channel_listings set buffer = 1 where id = $1', [a.listingId]);
      await f.setOnHand(b, 1);
      await f.addPendency('FN1010000003', 'FN1010000003-1', b, 3);

      const response = await f.call('GET', `/api/channels/${f.channelCode}/inventory/${a.skuCode}`);
      assert.equal(response.statusCode, 200, response.body);
      const explained = response.json();
      assert.deepEqual(explained.breakdown, { onHand: 10, allocated: 2, reserved: 2, buffer: 1, pushed: 5 });
      assert.deepEqual(
        explained.lines.map((l: { kind: string; quantity: number }) => [l.kind, l.quantity]),
        [
          ['on_hand', 10],
          ['allocated', -2],
          ['reserved', -2],
          ['buffer', -1],
        ],
      );
      assert.equal(
        explained.lines.reduce((s: number, l: { quantity: number }) => s + l.quantity, 0),
        explained.sum,
      );
      assert.match(explained.lines[1].text, /PO 5010100001 \(open\) at MUM1: −2/);
      assert.match(explained.lines[2].text, /pendency FN1010000001 item FN1010000001-1/);
      assert.equal(explained.result, 'Weft pushes 5.');
      assert.equal(explained.lastPush, null);

      const byAjioSku = (await f.call('GET', `/api/channels/${f.channelCode}/inventory/${b.channelSku}`)).json();
      assert.equal(byAjioSku.sum, -2);
      assert.equal(byAjioSku.breakdown.pushed, 0, 'never below zero');
      assert.equal(byAjioSku.result, '-2 is below zero, so Weft pushes 0.');

      // Consolidated stock adds up the listed warehouses.
      await f.call('PATCH', `/api/channels/${f.channelCode}`, {
        settings: { inventory: { source: 'consolidated', warehouses: ['MUM1', 'BLR1'] } },
      });
      const consolidated = (await f.call('GET', `/api/channels/${f.channelCode}/inventory/${a.skuCode}`)).json();
      assert.equal(consolidated.breakdown.onHand, 15);
      assert.deepEqual(consolidated.sourceWarehouses, ['BLR1', 'MUM1']);
      await f.call('PATCH', `/api/channels/${f.channelCode}`, {
        settings: { inventory: { source: 'order-warehouse', warehouses: [] } },
      });

      const unknown = await f.call('GET', `/api/channels/${f.channelCode}/inventory/NO-SUCH-SKU`);
      assert.equal(unknown.statusCode, 404);
    });

    test('the first run sends every mapped listing in calls of at most 50; a second run sends nothing', async () => {
      await f.setOnHand(f.listings[5], 7);
      const run = await f.run('inventory');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.equal(run.updated, f.listings.length);
      const received = await f.sandbox.control.received<{ sku: string; inventory: number }>(
        seller.username,
        'inventory',
      );
      const batches = received.batches as { count: number }[];
      assert.ok(
        batches.every((b) => b.count <= 50),
        'no call carries more than 50',
      );
      assert.equal(
        batches.reduce((s, b) => s + b.count, 0),
        f.listings.length,
      );
      await assertInStep();
      const ajio = await ajioFigures(f.sandbox);
      assert.equal(ajio.get(f.listings[0].channelSku), 5);
      assert.equal(ajio.get(f.listings[5].channelSku), 7);

      const explained = (
        await f.call('GET', `/api/channels/${f.channelCode}/inventory/${f.listings[0].channelSku}`)
      ).json();
      assert.equal(explained.lastPush.status, 'success');
      assert.deepEqual(explained.lastPush.breakdown, { onHand: 10, allocated: 2, reserved: 2, buffer: 1, pushed: 5 });

      const again = await f.run('inventory');
      assert.equal(again.status, 'succeeded');
      assert.equal(again.done, 0, 'nothing changed, nothing sent');
      assert.equal(
        (received.batches as unknown[]).length,
        ((await f.sandbox.control.received(seller.username, 'inventory')).batches as unknown[]).length,
      );
    });

    test('only changed figures are sent', async () => {
      const before = await updatesBySku();
      const [, , c, d] = f.listings;
      await f.setOnHand(c, 12);
      await f.addOrder('5010100003', [{ listing: f.listings[5], quantity: 3 }]);
      await f.setOnHand(d, 0); // was 0 already: no change
      const run = await f.run('inventory');
      assert.equal(run.status, 'succeeded');
      assert.equal(run.updated, 2);
      const afterRun = await updatesBySku();
      for (const l of f.listings) {
        const expected = l === c || l === f.listings[5] ? 1 : 0;
        assert.equal(afterRun.get(l.channelSku)!.updates - before.get(l.channelSku)!.updates, expected, l.channelSku);
      }
      assert.equal(afterRun.get(c.channelSku)!.inventory, 12);
      assert.equal(afterRun.get(f.listings[5].channelSku)!.inventory, 4);
    });

    test('a SKU AJIO refuses is marked error with its message, then retried and sent by the next run', async () => {
      const [x, y] = [f.listings[10], f.listings[11]];
      await f.sandbox.control.failSkus([{ sku: x.channelSku, message: 'LISTING_UNDER_MODERATION', count: 1 }]);
      await f.setOnHand(x, 3);
      await f.setOnHand(y, 4);
      const run = await f.run('inventory');
      assert.equal(run.status, 'partial');
      assert.equal(run.failed, 1);
      assert.equal(run.updated, 1);
      const failed = (await f.call('GET', `/api/sync-runs/${run.id}`)).json().records;
      assert.equal(failed[0].recordKey, x.channelSku);
      assert.match(failed[0].message, /AJIO: LISTING_UNDER_MODERATION/);
      const errors = (await f.call('GET', `/api/channels/${f.channelCode}/inventory?status=error`)).json().items;
      assert.deepEqual(
        errors.map((e: { channelSku: string; message: string }) => [e.channelSku, e.message]),
        [[x.channelSku, 'AJIO: LISTING_UNDER_MODERATION']],
      );
      assert.equal((await ajioFigures(f.sandbox)).get(y.channelSku), 4);

      const next = await f.run('inventory');
      assert.equal(next.status, 'succeeded');
      assert.equal(next.updated, 1, 'only the failed SKU goes again');
      await assertInStep();
    });

    test('a 500 or a lost answer fails its batch whole; the next run re-sends it and nothing is lost', async () => {
      await f.setOnHandAll(20);
      await f.sandbox.control.injectFaults([
        { route: 'POST /updateInventory', type: '500', count: 1 },
        { route: 'POST /updateInventory', type: 'malformed-json', count: 1 },
      ]);
      const run = await f.run('inventory');
      assert.equal(run.status, 'partial');
      assert.ok(run.failed >= 2 && run.failed <= 100, `failed ${run.failed}`);
      assert.equal(run.updated + run.failed, run.done);
      const state = await weftState();
      const submitted = [...state.values()].filter((s) => s.status === 'submitted');
      assert.equal(submitted.length, run.failed);
      assert.match(submitted[0].message!, /answer was lost/);

      const next = await f.run('inventory');
      assert.equal(next.status, 'succeeded', next.error ?? '');
      assert.equal(next.updated, run.failed);
      await assertInStep();
    });

    test('429 bursts are retried within the run; a dropped connection is re-sent by the next run', async () => {
      await f.setOnHandAll(9);
      await f.sandbox.control.injectFaults([{ route: 'POST /updateInventory', type: '429', count: 3, retryAfter: 1 }]);
      const throttled = await f.run('inventory');
      assert.equal(throttled.status, 'succeeded', throttled.error ?? '');
      assert.equal(throttled.updated, f.listings.length);
      await assertInStep();

      await f.setOnHandAll(8);
      await f.sandbox.control.injectFaults([
        { route: 'POST /updateInventory', type: 'timeout', holdMs: 200, count: 1 },
      ]);
      const dropped = await f.run('inventory');
      assert.equal(dropped.status, 'partial');
      assert.ok(dropped.failed > 0 && dropped.failed <= 50, `one batch at most: ${dropped.failed}`);
      const next = await f.run('inventory');
      assert.equal(next.status, 'succeeded', next.error ?? '');
      assert.equal(next.updated, dropped.failed);
      await assertInStep();
      assert.deepEqual((await f.sandbox.control.clearFaults()).faults, []);
    });

    test('push-all sends every figure again, changed or not', async () => {
      const before = await updatesBySku();
      const response = await f.call('POST', `/api/channels/${f.channelCode}/inventory/push-all`);
      assert.equal(response.statusCode, 202, response.body);
      const run = await f.execute(response.json().runId);
      assert.equal(run.status, 'succeeded');
      assert.equal(run.updated, f.listings.length);
      const afterRun = await updatesBySku();
      for (const l of f.listings)
        assert.equal(afterRun.get(l.channelSku)!.updates, before.get(l.channelSku)!.updates + 1);
      assert.equal((await f.run('inventory')).done, 0, 'a full push is done once');
    });

    test('inventory sync off: a push is refused with the reason', async () => {
      await f.call('PATCH', `/api/channels/${f.channelCode}`, { settings: { inventory: { enabled: false } } });
      const refused = await f.call('POST', `/api/channels/${f.channelCode}/sync/inventory`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /Inventory sync is off/);
      await f.call('PATCH', `/api/channels/${f.channelCode}`, { settings: { inventory: { enabled: true } } });
    });
  });
}
