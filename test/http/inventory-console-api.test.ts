import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createInventoryFixture, type InventoryFixture } from '../helpers/inventory-fixture.ts';
import { callAs, createInventoryScene, type InventoryScene } from '../helpers/inventory-console.ts';

/**
 * The API behind the console's inventory screens: levels searched and with what is promised out of
 * them, a level's ledger paged, adjustments refused at the field they concern, push states filtered,
 * reconciliation reports paged, and a viewer refused every change.
 */
for (const kind of databaseKinds) {
  describe(`inventory API for the console (${kind})`, () => {
    let f: InventoryFixture;
    let scene: InventoryScene;

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 3 });
      scene = await createInventoryScene(f);
    });
    after(async () => f?.close());

    test('levels: search by part of a SKU code in any case, with allocated, reserved and available', async () => {
      const part = scene.busy.skuCode.slice(-4).toLowerCase();
      const found = (await callAs(f, 'viewer', 'GET', `/api/inventory/levels?q=${encodeURIComponent(part)}`)).json();
      const busy = found.items.find((l: { sku: string }) => l.sku === scene.busy.skuCode);
      assert.ok(busy, `${scene.busy.skuCode} found by "${part}"`);
      assert.ok(
        found.items.every((l: { sku: string; skuName: string }) =>
          `${l.sku} ${l.skuName}`.toLowerCase().includes(part),
        ),
      );
      assert.deepEqual(
        { onHand: busy.onHand, allocated: busy.allocated, reserved: busy.reserved, available: busy.available },
        { onHand: 9, allocated: 2, reserved: 1, available: 6 },
      );
      // LIKE's wildcards typed in a search mean themselves.
      assert.deepEqual((await callAs(f, 'viewer', 'GET', '/api/inventory/levels?q=%25')).json().items, []);
      assert.deepEqual((await callAs(f, 'viewer', 'GET', '/api/inventory/levels?warehouse=BLR1')).json().items, []);
      const all = (await callAs(f, 'viewer', 'GET', '/api/inventory/levels?warehouse=MUM1&limit=1000')).json();
      assert.equal(all.items.length, f.listings.length);
      const first = (await callAs(f, 'viewer', 'GET', '/api/inventory/levels?warehouse=MUM1&limit=2')).json();
      const second = (
        await callAs(
          f,
          'viewer',
          'GET',
          `/api/inventory/levels?warehouse=MUM1&limit=2&after=${encodeURIComponent(first.next)}`,
        )
      ).json();
      assert.deepEqual(
        [...first.items, ...second.items].map((l: { sku: string }) => l.sku),
        all.items.slice(0, 4).map((l: { sku: string }) => l.sku),
      );
    });

    test("a level's ledger: newest first, with reason, reference and who; paged with before", async () => {
      const url = `/api/inventory/levels/MUM1/${encodeURIComponent(scene.busy.skuCode)}`;
      const whole = (await callAs(f, 'viewer', 'GET', url)).json();
      assert.equal(whole.skuName.length > 0, true);
      assert.equal(whole.available, 6);
      assert.deepEqual(
        whole.ledger.map(
          (m: { kind: string; onHandDelta: number; reason: string; reference: string; actor: string }) => [
            m.kind,
            m.onHandDelta,
            m.reason,
            m.reference,
            m.actor,
          ],
        ),
        [
          ['adjust', -1, 'Cycle count found one short', 'CC-07', 'operator1'],
          ['inbound', 10, 'GRN 4411 from the Surat mill', 'GRN-4411', 'operator1'],
        ],
      );
      const first = (await callAs(f, 'viewer', 'GET', `${url}?limit=1`)).json();
      assert.equal(first.ledger.length, 1);
      assert.equal(first.nextBefore, first.ledger[0].id);
      const second = (await callAs(f, 'viewer', 'GET', `${url}?limit=1&before=${first.nextBefore}`)).json();
      assert.equal(second.ledger[0].kind, 'inbound');
      assert.equal(second.nextBefore, null);
    });

    test('an adjustment is refused at the field it concerns: not a number, zero, no reason, more than on hand', async () => {
      const adjust = (change: Record<string, unknown>) =>
        callAs(f, 'operator', 'POST', '/api/inventory/movements', {
          warehouse: 'MUM1',
          sku: scene.busy.skuCode,
          kind: 'adjust',
          quantity: 1,
          reason: 'Recount',
          ...change,
        });
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ quantity: 'two' }, 'quantity', /whole number, such as 5/],
        [{ quantity: 1.5 }, 'quantity', /whole units/],
        [{ quantity: 0 }, 'quantity', /0 changes nothing/],
        [{ reason: '  ' }, 'reason', /Say why the stock changes/],
        [{ quantity: -10 }, 'quantity', /has 9 on hand at MUM1; 10 cannot be taken out/],
      ];
      for (const [change, field, message] of cases) {
        const refused = await adjust(change);
        assert.equal(refused.statusCode, 400, JSON.stringify(change));
        assert.equal(refused.json().error.field, field, JSON.stringify(change));
        assert.match(refused.json().error.message, message);
      }
      const level = (
        await callAs(f, 'viewer', 'GET', `/api/inventory/levels/MUM1/${encodeURIComponent(scene.busy.skuCode)}`)
      ).json();
      assert.equal(level.onHand, 9, 'nothing refused changed the level');
      assert.equal(level.ledger.length, 2);
    });

    test("push states filter by status and search; a refused push keeps AJIO's message", async () => {
      const errors = (await callAs(f, 'viewer', 'GET', `/api/channels/${f.channelCode}/inventory?status=error`)).json()
        .items;
      assert.deepEqual(
        errors.map((e: { channelSku: string; message: string }) => [e.channelSku, e.message]),
        [[scene.refused.channelSku, 'AJIO: LISTING_UNDER_MODERATION']],
      );
      const searched = (
        await callAs(
          f,
          'viewer',
          'GET',
          `/api/channels/${f.channelCode}/inventory?q=${encodeURIComponent(scene.busy.skuCode)}`,
        )
      ).json().items;
      assert.deepEqual(
        searched.map((s: { sku: string; quantity: number; status: string }) => [s.sku, s.quantity, s.status]),
        [[scene.busy.skuCode, 6, 'success']],
      );
      const why = (
        await callAs(
          f,
          'viewer',
          'GET',
          `/api/channels/${f.channelCode}/inventory/${encodeURIComponent(scene.busy.skuCode)}`,
        )
      ).json();
      assert.deepEqual(
        why.lines.map((l: { kind: string; quantity: number }) => [l.kind, l.quantity]),
        [
          ['on_hand', 9],
          ['allocated', -2],
          ['reserved', -1],
        ],
      );
      assert.equal(why.result, 'Weft pushes 6.');
    });

    test('reconciliation reports page with next; the report shows both figures', async () => {
      const url = `/api/channels/${f.channelCode}/reconciliation-reports`;
      const first = (await callAs(f, 'viewer', 'GET', `${url}?limit=1`)).json();
      assert.deepEqual(
        first.items.map((r: { id: number }) => r.id),
        [scene.reportId],
      );
      assert.equal(first.next, scene.reportId);
      const rest = (await callAs(f, 'viewer', 'GET', `${url}?limit=1&before=${first.next}`)).json();
      assert.deepEqual(rest, { items: [], next: null });
      const report = (await callAs(f, 'viewer', 'GET', `/api/reconciliation-reports/${scene.reportId}`)).json();
      assert.deepEqual(
        report.drifts.map((d: { channelSku: string; marketplaceQty: number; weftQty: number; corrected: boolean }) => [
          d.channelSku,
          d.marketplaceQty,
          d.weftQty,
          d.corrected,
        ]),
        [[scene.drifted.channelSku, 40, 6, true]],
      );
    });

    test('a viewer can change nothing: adjust and push all are refused', async () => {
      const adjust = await callAs(f, 'viewer', 'POST', '/api/inventory/movements', {
        warehouse: 'MUM1',
        sku: scene.busy.skuCode,
        kind: 'adjust',
        quantity: 5,
        reason: 'Mine now',
      });
      assert.equal(adjust.statusCode, 403);
      assert.match(adjust.json().error.message, /needs the operator role/);
      const push = await callAs(f, 'viewer', 'POST', `/api/channels/${f.channelCode}/inventory/push-all`);
      assert.equal(push.statusCode, 403);
      const allowed = await callAs(f, 'operator', 'POST', `/api/channels/${f.channelCode}/inventory/push-all`);
      assert.equal(allowed.statusCode, 202, allowed.body);
    });
  });
}
