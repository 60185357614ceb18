import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { dispatchAtAjio } from '../helpers/dispatch-at-ajio.ts';
import { createInventoryFixture, seller, type InventoryFixture, type Listing } from '../helpers/inventory-fixture.ts';
import { returnsStream, parseReturn } from '../../src/channels/ajio-jit/streams/returns.ts';
import { ajioSettingsSchema } from '../../src/channels/ajio-jit/settings.ts';

test('return sync off disables the stream and its schedule; malformed returns are explained', () => {
  const off = ajioSettingsSchema.parse({ orderSyncFrom: '2026-01-01', returnSyncFrom: '2026-01-01' });
  assert.match(returnsStream.disabledBecause(off)!, /Return order sync is off/);
  assert.equal(returnsStream.schedule(off), null);
  const on = ajioSettingsSchema.parse({
    orderSyncFrom: '2026-01-01',
    returnSyncFrom: '2026-01-01',
    orders: { returnOrderSync: true },
  });
  assert.equal(returnsStream.disabledBecause(on), null);
  assert.deepEqual(returnsStream.schedule(on), { everyMinutes: 60 });
  assert.match(parseReturn({ sku: '1' }) as string, /without return_id/);
  assert.match(parseReturn({ return_id: 'RT1', sku: '1', quantity: 0 }) as string, /RT1 has quantity 0/);
});

for (const kind of databaseKinds) {
  describe(`AJIO return pull (${kind})`, () => {
    let f: InventoryFixture;
    const dispatchedPo = (lines: { listing: Listing; quantity: number }[]) => dispatchAtAjio(f, lines);

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 5 });
    });
    after(async () => f.close());

    test('return sync off: a pull is refused with the reason', async () => {
      await f.call('PATCH', `/api/channels/${f.channelCode}`, { settings: { orders: { returnOrderSync: false } } });
      const refused = await f.call('POST', `/api/channels/${f.channelCode}/sync/returns`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /Return order sync is off/);
      await f.call('PATCH', `/api/channels/${f.channelCode}`, { settings: { orders: { returnOrderSync: true } } });
    });

    test('returns become CONFIRMED return orders once, linked to their order; an unmapped SKU is kept and flagged', async () => {
      const [a, b, c] = f.listings;
      const po1 = await dispatchedPo([
        { listing: a, quantity: 2 },
        { listing: b, quantity: 1 },
      ]);
      const po2 = await dispatchedPo([{ listing: c, quantity: 1 }]);
      const weftOrderId = await f.addOrder(po1.po_number, [{ listing: a, quantity: 2, shipped: 2 }], 'shipped');
      await f.database.query('update channel_listings set sku_id = null where id = $1', [c.listingId]);
      const created = await f.sandbox.control.createReturns(seller.username, [
        { po_number: po1.po_number, sku: a.channelSku, quantity: 2, reason: 'SIZE_ISSUE' },
        { po_number: po1.po_number, sku: b.channelSku },
        { po_number: po2.po_number, sku: c.channelSku },
      ]);

      const run = await f.run('returns');
      assert.equal(run.status, 'partial', run.error ?? '');
      assert.deepEqual([run.created, run.failed], [2, 1]);
      const detail = (await f.call('GET', `/api/sync-runs/${run.id}`)).json();
      assert.equal(detail.records[0].recordKey, created[2].return_id);
      assert.match(
        detail.records[0].message,
        new RegExp(`AJIO SKU ${c.channelSku} is not mapped to a Weft SKU.*map the listing, then retry`),
      );

      const list = (await f.call('GET', `/api/returns?channel=${f.channelCode}&status=confirmed`)).json();
      assert.equal(list.items.length, 3);
      const byId = new Map(list.items.map((r: { externalId: string }) => [r.externalId, r]));
      const first = byId.get(created[0].return_id) as {
        id: number;
        orderId: number;
        poNumber: string;
        units: number;
        status: string;
        reason: string;
      };
      assert.deepEqual(
        [first.orderId, first.poNumber, first.units, first.status, first.reason],
        [weftOrderId, po1.po_number, 2, 'confirmed', 'SIZE_ISSUE'],
      );
      assert.equal((byId.get(created[2].return_id) as { unmappedLines: number }).unmappedLines, 1);
      const one = (await f.call('GET', `/api/returns/${first.id}`)).json();
      assert.deepEqual(
        one.lines.map((l: { channelSku: string; sku: string; quantity: number }) => [l.channelSku, l.sku, l.quantity]),
        [[a.channelSku, a.skuCode, 2]],
      );

      // Pulling again, through a 500 and a malformed page, creates nothing twice.
      await f.sandbox.control.injectFaults([
        { route: 'GET /returns*', type: '500', count: 1 },
        { route: 'GET /returns*', type: 'malformed-json', count: 1 },
      ]);
      const again = await f.run('returns');
      assert.equal(again.error, null);
      assert.deepEqual([again.created, again.unchanged, again.failed], [0, 2, 1]);
      const counts = await f.database.query<{ orders: number; lines: number }>(
        'select (select count(*) from return_orders)::int as orders, (select count(*) from return_lines)::int as lines',
      );
      assert.deepEqual(counts.rows[0], { orders: 3, lines: 3 });

      // Once the listing is mapped, retrying the failed record fills in the line's SKU.
      await f.database.query('update channel_listings set sku_id = $2 where id = $1', [c.listingId, c.skuId]);
      const retry = await f.run('returns', run.id);
      assert.equal(retry.status, 'succeeded', retry.error ?? '');
      const fixed = (
        await f.call('GET', `/api/returns/${(byId.get(created[2].return_id) as { id: number }).id}`)
      ).json();
      assert.equal(fixed.lines[0].sku, c.skuCode);
      assert.equal(fixed.unmappedLines, 0);
      assert.equal((await f.call('GET', '/api/returns?status=closed')).json().items.length, 0);
      assert.equal((await f.call('GET', '/api/returns/999999')).statusCode, 404);
    });
  });
}
