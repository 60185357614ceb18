import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { istDay } from '../../src/core/orders/performance.ts';

/**
 * Issue 15's done-when for fill rate: a scripted day of POs with known units, through Weft's own API
 * (pull, picklist, pack, manifest dispatch, seller cancel), and the figures checked against the hand
 * computation below, to the unit. Then coverage, and both CSV exports parsed.
 */
for (const kind of databaseKinds) {
  describe(`channel performance and coverage (${kind})`, () => {
    let f: DispatchFixture;
    let day: string;
    before(async () => {
      f = await createDispatchFixture(kind, { styles: 2 });
      for (const v of f.variants) await f.stock(v.sellerSku, 20);
      const [a, b, c, d] = f.variants;
      const ok = async (res: { statusCode: number; body: string }, what: string) => {
        if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
        return JSON.parse(res.body);
      };
      const orderOf = async (poNumber: string) =>
        (await f.t.call('GET', `/api/orders?q=${poNumber}`)).json().items[0].id as number;

      // PO A: 3 units of a, packed in full.
      const poA = await f.packThroughApi([{ variant: a, quantity: 3 }]);
      // PO B: 2 of b and 2 of c; only b is packed, so c's 2 units are short-picked.
      const rawB = await f.raisePo([
        { sku: b.sellerSku, quantity: 2 },
        { sku: c.sellerSku, quantity: 2 },
      ]);
      await f.run('orders');
      const idB = await orderOf(rawB.po_number);
      await ok(
        await f.t.call('POST', '/api/picklists', { as: 'operator', body: { warehouse: 'MUM1', channel: f.code } }),
        'picklist',
      );
      await ok(
        await f.t.call('POST', `/api/orders/${idB}/pack/box`, { as: 'operator', body: { box: 'LPN-B-1' } }),
        'box',
      );
      for (let u = 0; u < 2; u++)
        await ok(
          await f.t.call('POST', `/api/orders/${idB}/pack/scan`, { as: 'operator', body: { code: b.sellerSku } }),
          'scan',
        );
      await ok(
        await f.t.call('POST', `/api/orders/${idB}/pack/close-box`, { as: 'operator', body: { weightGrams: 600 } }),
        'close',
      );
      await ok(await f.t.call('POST', `/api/orders/${idB}/pack/finish`, { as: 'operator', body: {} }), 'finish');
      // Both ship on one manifest.
      const [manifest] = (
        await ok(
          await f.t.call('POST', '/api/manifests', { as: 'operator', body: { channel: f.code, warehouse: 'MUM1' } }),
          'manifest',
        )
      ).items;
      await ok(await f.t.call('POST', `/api/manifests/${manifest.code}/dispatch`, { as: 'operator' }), 'dispatch');
      assert.equal((await f.t.call('GET', `/api/orders/${poA.id}`)).json().status, 'shipped');
      assert.equal((await f.t.call('GET', `/api/orders/${idB}`)).json().status, 'shipped');
      // PO C: 4 units of d, cancelled by the seller.
      const rawC = await f.raisePo([{ sku: d.sellerSku, quantity: 4 }]);
      await f.run('orders');
      const idC = await orderOf(rawC.po_number);
      const lineC = (await f.t.call('GET', `/api/orders/${idC}`)).json().lines[0].id;
      await ok(
        await f.t.call('POST', `/api/orders/${idC}/cancel`, {
          as: 'operator',
          body: { reason: 'out of stock', lines: [{ lineId: lineC, quantity: 4 }] },
        }),
        'cancel',
      );
      // PO D: 5 units of a, still open.
      await f.raisePo([{ sku: a.sellerSku, quantity: 5 }]);
      await f.run('orders');
      day = istDay(new Date((await f.t.call('GET', `/api/orders?q=${rawB.po_number}`)).json().items[0].poDate));
    });
    after(async () => f.close());

    /**
     * By hand: units on the POs = A 3 + B (2 + 2) + C 4 + D 5 = 16; shipped = A 3 + B 2 = 5;
     * fill rate = 5 / 16 = 0.3125. Seller cancelled = C 4 → 4 / 16 = 0.25. Short picked = B's c 2 →
     * 2 / 16 = 0.125. On time: A and B dispatched minutes after their PO date (target 24 h), C
     * cancelled, D not yet due → 2 of 2 due = 1. With Weft's clock 25 h on, D is open past its target:
     * due = 3, on time = 2 → 2 / 3.
     */
    test('the scripted day equals the hand computation, to the unit', async () => {
      const res = await f.t.call('GET', `/api/channels/${f.code}/performance?from=${day}&to=${day}`);
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json();
      const want = {
        pos: 4,
        units: 16,
        shipped: 5,
        sellerCancelled: 4,
        shortPicked: 2,
        onTime: 2,
        due: 2,
        fillRate: 5 / 16,
        onTimeRate: 1,
        sellerCancellationRate: 4 / 16,
        shortPickRate: 2 / 16,
      };
      assert.deepEqual(p.totals, want);
      assert.deepEqual(p.days, [{ day, ...want }]);
      assert.equal(p.targetHours, 24);

      f.t.useClock(() => new Date(Date.now() + 25 * 3_600_000));
      try {
        const later = (await f.t.call('GET', `/api/channels/${f.code}/performance?from=${day}&to=${day}`)).json();
        assert.deepEqual([later.totals.onTime, later.totals.due, later.totals.onTimeRate], [2, 3, 2 / 3]);
      } finally {
        f.t.useClock(null);
      }
    });

    test('a range: one row per day, empty days with null rates; totals add the rows', async () => {
      const p = (await f.t.call('GET', `/api/channels/${f.code}/performance?to=${day}`)).json();
      assert.equal(p.days.length, 14);
      assert.equal(p.days.at(-1).day, day);
      assert.equal(p.days[0].fillRate, null);
      assert.equal(p.totals.units, 16);
      const bad = await f.t.call('GET', `/api/channels/${f.code}/performance?from=2026-12-05&to=2026-12-01`);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message ?? bad.body, /after to/);
      assert.equal((await f.t.call('GET', '/api/channels/NOPE/performance')).statusCode, 404);
    });

    test('performance CSV parses: a row per day and a total row', async () => {
      const res = await f.t.call('GET', `/api/channels/${f.code}/performance.csv?from=${day}&to=${day}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(
        rows.map((r) => [r.day, r.units, r.shipped, r.fill_rate, r.seller_cancellation_rate, r.short_pick_rate]),
        [
          [day, '16', '5', '0.3125', '0.2500', '0.1250'],
          ['total', '16', '5', '0.3125', '0.2500', '0.1250'],
        ],
      );
    });

    test('coverage: open PO units and pendency against stock; a shortfall predicts a short pick', async () => {
      const [a, , , , e] = f.variants;
      // Pendency AJIO has not raised a PO for yet: 25 of e against 20 on hand.
      await f.t.database.query(
        `insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity)
         values ($1, 'CO-X', 'CO-X-1', $2, (select id from skus where code = $3), 25)`,
        [f.channelId, e.sku, e.sellerSku],
      );
      const res = await f.t.call('GET', `/api/channels/${f.code}/coverage`);
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as any[];
      // a: 20 stocked − 3 shipped = 17 on hand; PO D's 5 open → 17 / 5. e: 20 / 25 → short 5, first.
      assert.deepEqual(items[0], {
        sku: e.sellerSku,
        name: `Tee ${e.sellerSku}`,
        onHand: 20,
        openPoUnits: 0,
        pendencyUnits: 25,
        demand: 25,
        coverage: 0.8,
        shortUnits: 5,
        predictedShort: true,
      });
      const rowA = items.find((i) => i.sku === a.sellerSku);
      assert.deepEqual(
        [rowA.onHand, rowA.openPoUnits, rowA.demand, rowA.shortUnits, rowA.predictedShort],
        [17, 5, 5, 0, false],
      );
      assert.equal(items.length, 2, 'only SKUs with open demand');
      const csv = parse((await f.t.call('GET', `/api/channels/${f.code}/coverage.csv`)).body, {
        columns: true,
      }) as any[];
      assert.deepEqual(
        csv.map((r) => [r.sku, r.on_hand, r.demand, r.coverage, r.short_units]),
        [
          [e.sellerSku, '20', '25', '0.8000', '5'],
          [a.sellerSku, '17', '5', '3.4000', '0'],
        ],
      );
    });
  });
}
