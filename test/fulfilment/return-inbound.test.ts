import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { dispatchAtAjio } from '../helpers/dispatch-at-ajio.ts';
import {
  ajioFigures,
  createInventoryFixture,
  seller,
  type InventoryFixture,
  type Listing,
} from '../helpers/inventory-fixture.ts';

/**
 * Return inbound against the sandbox: a customer return of a dispatched PO is pulled CONFIRMED, received,
 * QC'd unit by unit through the ledger (good back on hand, bad to damaged), closed with what never came
 * reported missing — and the next inventory push raises AJIO's figure by the good units only.
 */
for (const kind of databaseKinds) {
  describe(`return inbound (${kind})`, () => {
    let f: InventoryFixture;
    const dispatchedPo = (lines: { listing: Listing; quantity: number }[]) => dispatchAtAjio(f, lines);
    const eanOf = (listing: Listing) =>
      f.catalog.flatMap((p) => p.variants).find((v) => v.sku === listing.channelSku)!.ean;
    const level = async (listing: Listing) =>
      (await f.call('GET', `/api/inventory/levels/MUM1/${listing.skuCode}`)).json();
    const qc = (id: number, code: string, result: 'good' | 'bad') =>
      f.call('POST', `/api/returns/${id}/qc`, { code, result });

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 3 });
    });
    after(async () => f.close());

    test('receive, QC good and bad through the ledger, refuse extra and foreign units, close with the missing ones', async () => {
      const [a, b, c] = f.listings;
      const po = await dispatchedPo([
        { listing: a, quantity: 2 },
        { listing: b, quantity: 1 },
      ]);
      const created = await f.sandbox.control.createReturns(seller.username, [
        { po_number: po.po_number, sku: a.channelSku, quantity: 2, reason: 'SIZE_ISSUE' },
        { po_number: po.po_number, sku: b.channelSku, quantity: 1 },
      ]);
      await f.setOnHand(a, 5);
      await f.setOnHand(b, 0);
      const pulled = await f.run('returns');
      assert.equal(pulled.status, 'succeeded', pulled.error ?? '');
      const list = (await f.call('GET', `/api/returns?channel=${f.channelCode}&status=confirmed`)).json().items as {
        id: number;
        externalId: string;
      }[];
      const idOf = (externalId: string) => list.find((r) => r.externalId === externalId)!.id;
      const ra = idOf(created[0].return_id);
      const rb = idOf(created[1].return_id);
      await f.run('inventory');
      const before = await ajioFigures(f.sandbox);
      assert.equal(before.get(a.channelSku), 5);

      const early = await qc(ra, a.skuCode, 'good');
      assert.equal(early.statusCode, 409);
      assert.match(early.json().error.message, /has not been received yet: receive it first/);
      const received = await f.call('POST', `/api/returns/${ra}/receive`);
      assert.equal(received.statusCode, 200, received.body);
      assert.equal(received.json().status, 'receiving');

      const good = await qc(ra, a.skuCode, 'good');
      assert.equal(good.statusCode, 200, good.body);
      assert.deepEqual([good.json().stock.onHand, good.json().stock.damaged, good.json().unit.left], [6, 0, 1]);
      const bad = await qc(ra, eanOf(a), 'bad');
      assert.equal(bad.statusCode, 200, bad.body);
      assert.deepEqual([bad.json().stock.onHand, bad.json().stock.damaged], [6, 1]);
      assert.deepEqual(
        bad
          .json()
          .return.lines.map((l: { receivedGood: number; receivedBad: number }) => [l.receivedGood, l.receivedBad]),
        [[1, 1]],
      );
      const extra = await qc(ra, a.skuCode, 'good');
      assert.equal(extra.statusCode, 409);
      assert.match(extra.json().error.message, /All 2 units of .* are received already: this one is extra/);
      const foreign = await qc(ra, c.skuCode, 'good');
      assert.equal(foreign.statusCode, 409);
      assert.match(
        foreign.json().error.message,
        new RegExp(`${c.skuCode} is not on the return ${created[0].return_id}`),
      );

      const ledger = (await level(a)).ledger as {
        kind: string;
        onHandDelta: number;
        damagedDelta: number;
        reference: string;
      }[];
      assert.deepEqual(
        ledger.slice(0, 2).map((m) => [m.kind, m.onHandDelta, m.damagedDelta, m.reference]),
        [
          ['return_bad', 0, 1, created[0].return_id],
          ['return_good', 1, 0, created[0].return_id],
        ],
      );
      const closed = await f.call('POST', `/api/returns/${ra}/close`);
      assert.equal(closed.statusCode, 200, closed.body);
      assert.deepEqual(
        [closed.json().return.status, closed.json().received, closed.json().missing],
        ['closed', { good: 1, bad: 1 }, []],
      );
      const late = await qc(ra, a.skuCode, 'good');
      assert.equal(late.statusCode, 409);
      assert.match(late.json().error.message, /is closed/);

      // The other return never arrives in full: closing it reports the unit missing; stock is untouched.
      await f.call('POST', `/api/returns/${rb}/receive`);
      const short = (await f.call('POST', `/api/returns/${rb}/close`)).json();
      assert.deepEqual(
        short.missing.map((m: { sku: string; units: number }) => [m.sku, m.units]),
        [[b.skuCode, 1]],
      );
      assert.equal((await level(b)).onHand, 0);

      // The inventory push follows from the ledger: AJIO's figure rises by the good unit only.
      const push = await f.run('inventory');
      assert.equal(push.status, 'succeeded', push.error ?? '');
      const afterPush = await ajioFigures(f.sandbox);
      assert.equal(afterPush.get(a.channelSku), 6, 'one good unit back on sale, the damaged one not');
      assert.equal(afterPush.get(b.channelSku), 0);
    });

    test('an unknown return, and a return closed before it was received, are refused with the reason', async () => {
      assert.equal((await f.call('POST', '/api/returns/999999/receive')).statusCode, 404);
      const [, , c] = f.listings;
      const po = await dispatchedPo([{ listing: c, quantity: 1 }]);
      const [ret] = await f.sandbox.control.createReturns(seller.username, [
        { po_number: po.po_number, sku: c.channelSku },
      ]);
      await f.run('returns');
      const id = (await f.call('GET', `/api/returns?status=confirmed`))
        .json()
        .items.find((r: { externalId: string }) => r.externalId === ret.return_id).id;
      const refused = await f.call('POST', `/api/returns/${id}/close`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /has not been received yet/);
      assert.equal(
        (await f.call('POST', `/api/returns/${id}/qc`, { code: c.skuCode, result: 'maybe' })).statusCode,
        400,
      );
    });
  });
}
