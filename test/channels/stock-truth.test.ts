import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { ajioFigures, createInventoryFixture, seller, type InventoryFixture } from '../helpers/inventory-fixture.ts';

/**
 * Stock truth (issue 11, build 6), against the sandbox over HTTP: AJIO takes ordered units off its own
 * figure when a customer orders and does not give them back when the customer cancels, so the
 * incremental push must compare Weft's figure with AJIO's figure as Weft last knew it — lowered by the
 * back-order pull, replaced by a catalogue read — and not only with what Weft pushed last.
 */
for (const kind of databaseKinds) {
  describe(`incremental push re-sends where AJIO's figure differs (${kind})`, () => {
    let f: InventoryFixture;
    before(async () => {
      f = await createInventoryFixture(kind, { styles: 2 });
    });
    after(async () => f.close());

    /** How many times AJIO received a figure for the SKU. */
    const sentFor = async (channelSku: string) =>
      (
        (await f.sandbox.control.received(seller.username, 'inventory')).items.find(
          (i: { sku: string }) => i.sku === channelSku,
        ) as { updates: number } | undefined
      )?.updates ?? 0;

    test("a customer order offset by a receipt: the pendency pull lowers AJIO's known figure and the push corrects it", async () => {
      const listing = f.listings[0];
      await f.setOnHand(listing, 10);
      assert.equal((await f.run('inventory')).status, 'succeeded');
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 10);

      await f.sandbox.control.placeCustomerOrders(seller.username, [
        { lines: [{ sku: listing.channelSku, quantity: 1 }] },
      ]);
      assert.equal(
        (await ajioFigures(f.sandbox)).get(listing.channelSku),
        9,
        'AJIO took the ordered unit off its figure',
      );
      await f.setOnHand(listing, 11); // a receipt at the warehouse meanwhile
      assert.equal((await f.run('backorders')).status, 'succeeded');
      // Weft now says 11 − 1 reserved = 10: what it pushed last, but not what AJIO shows.
      const before = await sentFor(listing.channelSku);
      assert.equal((await f.run('inventory')).status, 'succeeded');
      assert.equal(await sentFor(listing.channelSku), before + 1, 'the SKU was sent again');
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 10, 'AJIO is no longer one short');
      assert.equal(await sentFor(f.listings[1].channelSku), 1, 'the others went out once, with the first push');
    });

    test('an order and its cancellation between two pulls: a catalogue read shows AJIO one short and the push corrects it', async () => {
      const listing = f.listings[2];
      await f.setOnHand(listing, 5);
      await f.run('inventory');
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 5);
      const placed = await f.sandbox.control.placeCustomerOrders(seller.username, [
        { lines: [{ sku: listing.channelSku, quantity: 1 }] },
      ]);
      await f.sandbox.control.cancelCustomerOrders(seller.username, [{ orderId: placed.orders![0].order_id }]);
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 4, 'AJIO does not give the unit back');

      await f.run('backorders'); // sees nothing: the order came and went
      const quiet = await sentFor(listing.channelSku);
      await f.run('inventory');
      assert.equal(await sentFor(listing.channelSku), quiet, 'nothing tells Weft yet');

      assert.equal((await f.run('skus')).status, 'succeeded'); // reads AJIO's catalogue, figures included
      const state = (
        await f.database.query<{ quantity: number; message: string }>(
          'select quantity, message from listing_inventory where listing_id = $1',
          [listing.listingId],
        )
      ).rows[0];
      assert.equal(state.quantity, 4, "AJIO's figure as read");
      assert.match(state.message, /The marketplace showed 4 when its catalogue was read/);
      await f.run('inventory');
      assert.equal(await sentFor(listing.channelSku), quiet + 1);
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 5);
      const again = await sentFor(listing.channelSku);
      await f.run('inventory');
      assert.equal(await sentFor(listing.channelSku), again, 'once AJIO agrees, nothing more is sent');
    });

    test("an order placed before Weft's last push is already in that push: the pendency pull does not lower the figure again", async () => {
      const listing = f.listings[3];
      await f.setOnHand(listing, 6);
      await f.sandbox.control.placeCustomerOrders(seller.username, [
        { lines: [{ sku: listing.channelSku, quantity: 2 }] },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // AJIO dates orders to the second
      await f.run('inventory'); // pushes 6 over AJIO's 4: the order is older than this push
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 6);
      await f.run('backorders');
      const before = await sentFor(listing.channelSku);
      await f.run('inventory');
      assert.equal(await sentFor(listing.channelSku), before + 1, 'Weft now says 4 and sends it');
      assert.equal((await ajioFigures(f.sandbox)).get(listing.channelSku), 4);
    });
  });
}
