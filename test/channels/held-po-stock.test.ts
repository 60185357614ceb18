import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { computeFigures, explainListing } from '../../src/core/inventory/available.ts';
import { commitmentsOf } from '../../src/core/inventory/commitments.ts';

/**
 * A PO held for an unmapped SKU (issue 11, build 6): the marketplace has taken its lines out of
 * pendency into the PO, so each unit of a mapped line must be reserved exactly once — by the held PO,
 * then by its allocation once released — never as an open back order and a PO line at once, and not
 * dropped when the next back-order pull no longer shows the pendency.
 */
for (const kind of databaseKinds) {
  describe(`held POs reserve their lines once (${kind})`, () => {
    let f: OrdersFixture;
    let warehouseId: number;
    before(async () => {
      f = await createOrdersFixture(kind, { styles: 2, unlinked: (_v, i) => i === 1 });
      warehouseId = await f.count(`select id as n from warehouses where code = 'MUM1'`);
    });
    after(async () => f.close());

    const figure = async (channelSku: string) =>
      (
        await computeFigures(f.t.database, {
          channelId: f.channelId,
          warehouseIds: [warehouseId],
          channelSkus: [channelSku],
        })
      )[0];

    test('held: pendency converted, the mapped line reserved once; a back-order pull keeps it; released: allocated instead', async () => {
      const [mapped, unmapped] = f.variants;
      await f.t.database.query(
        `insert into inventory_levels (warehouse_id, sku_id, on_hand)
        select $1, id, 10 from skus where code = $2`,
        [warehouseId, mapped.sellerSku],
      );
      const po = await f.raisePo([
        { sku: mapped.sku, quantity: 2 },
        { sku: unmapped.sku, quantity: 1 },
      ]);
      const start = await figure(mapped.sku);
      assert.deepEqual([start.allocated, start.reserved, start.pushed], [0, 2, 8], 'open pendency reserves 2');

      await f.run('orders');
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
      assert.equal((await f.t.call('GET', `/api/orders/${id}`)).json().status, 'on_hold');
      assert.equal(
        await f.count(`select count(*)::int as n from backorder_lines where channel_id = $1 and status = 'open'`, [
          f.channelId,
        ]),
        0,
        'the PO took its pendency, held or not',
      );
      const held = await figure(mapped.sku);
      assert.deepEqual([held.allocated, held.reserved, held.pushed], [0, 2, 8], 'reserved once, by the held PO');
      const explained = await explainListing(f.t.database, {
        channelId: f.channelId,
        warehouseIds: [warehouseId],
        ref: mapped.sku,
      });
      assert.deepEqual(
        explained.lines.filter((l) => l.kind === 'reserved').map((l) => l.text),
        [`Reserved for PO ${po.po_number} on hold at MUM1: −2`],
      );
      const levels = await commitmentsOf(f.t.database.db, [{ warehouseId, skuId: held.skuId }]);
      assert.deepEqual(
        levels.get(`${warehouseId}:${held.skuId}`),
        { allocated: 0, reserved: 2 },
        'the stock screen agrees',
      );

      assert.equal((await f.run('backorders')).status, 'succeeded'); // AJIO's pendency no longer shows these lines
      const afterPull = await figure(mapped.sku);
      assert.deepEqual(
        [afterPull.allocated, afterPull.reserved, afterPull.pushed],
        [0, 2, 8],
        'still reserved once after the back-order pull',
      );

      await f.link(unmapped.sellerSku);
      const released = await f.t.call('POST', `/api/orders/${id}/reprocess`, { as: 'operator' });
      assert.equal(released.statusCode, 200, released.body);
      assert.equal(released.json().status, 'open');
      const open = await figure(mapped.sku);
      assert.deepEqual(
        [open.allocated, open.reserved, open.pushed],
        [2, 0, 8],
        'allocated once released, no longer reserved',
      );
    });
  });
}
