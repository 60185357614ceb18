import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { insertOrder, seedFulfilment } from '../helpers/fulfilment-fixture.ts';
import { getSku } from '../../src/core/catalog/skus.ts';
import { advancePicklist, createPicklist, getPicklist, listPicklists } from '../../src/core/fulfilment/picklists.ts';
import { closeBox, finishPack, openBox, scanUnit, unscanUnit } from '../../src/core/fulfilment/pack.ts';
import { AppError } from '../../src/core/errors.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';

const refused = (pattern: RegExp) => (error: unknown) => error instanceof AppError && pattern.test(error.message);

for (const kind of databaseKinds) {
  describe(`picklists and packing by scanning (${kind})`, () => {
    let database: TestDatabase;
    let ids: { channelId: number; warehouseId: number };
    const orderIds: Record<string, number> = {};
    before(async () => {
      database = await createTestDatabase(kind);
      const { warehouse, channel } = await seedFulfilment(database.db);
      ids = { channelId: channel.id, warehouseId: warehouse.id };
      const sku = async (code: string) => (await getSku(database.db, code)).id;
      orderIds.PO1 = (
        await insertOrder(database.db, ids, 'PO1', [
          { sku: 'TEE-L', quantity: 2, skuId: await sku('TEE-L') },
          { sku: 'TEE-S', quantity: 1, skuId: await sku('TEE-S') },
        ])
      ).id;
      orderIds.PO2 = (
        await insertOrder(database.db, ids, 'PO2', [
          { sku: 'TEE-M', quantity: 1, skuId: await sku('TEE-M') },
          { sku: 'CAP-1', quantity: 3, skuId: await sku('CAP-1') },
          { sku: 'TEE-L', quantity: 1, skuId: await sku('TEE-L') },
        ])
      ).id;
    });
    after(() => database.dispose());

    test('a picklist takes the open orders and lists units per SKU in walking order', async () => {
      const picklist = await createPicklist(database.db, { warehouse: 'mum1' }, 'lead', channelDescriptor);
      assert.match(picklist.code, /^PL\d{6}$/);
      assert.equal(picklist.status, 'pending');
      assert.deepEqual(
        picklist.orders.map((o) => [o.poNumber, o.status]),
        [
          ['PO1', 'picking'],
          ['PO2', 'picking'],
        ],
      );
      assert.deepEqual(
        picklist.lines.map((l) => [l.skuCode, l.quantity, l.poCount]),
        [
          ['CAP-1', 3, 1],
          ['TEE-S', 1, 1],
          ['TEE-M', 1, 1],
          ['TEE-L', 3, 2],
        ],
      );
      await assert.rejects(
        createPicklist(database.db, { warehouse: 'MUM1' }, 'lead', channelDescriptor),
        refused(/There are no open orders to pick at MUM1/),
      );
      assert.equal((await listPicklists(database.db, { status: 'pending' }, channelDescriptor))[0].orders, 2);
      await advancePicklist(database.db, picklist.code, 'picking', channelDescriptor);
      await assert.rejects(
        advancePicklist(database.db, picklist.code, 'closed', channelDescriptor),
        /it can move to picked, not closed/,
      );
    });

    test('scans are refused with a reason when they do not fit the PO; nothing changes', async () => {
      const po1 = orderIds.PO1;
      await assert.rejects(scanUnit(database.db, po1, 'TEE-L'), refused(/Scan a box id first/));
      await openBox(database.db, po1, 'BOX-A1', 'packer');
      await assert.rejects(
        openBox(database.db, orderIds.PO2, 'BOX-A1', 'packer'),
        refused(/Box BOX-A1 belongs to PO PO1, which has not been dispatched/),
      );
      await assert.rejects(scanUnit(database.db, po1, 'CAP-1'), refused(/CAP-1 \(Cap\) is not on PO PO1: put it back/));
      await assert.rejects(scanUnit(database.db, po1, '0000'), /0000 is not a SKU code or EAN Weft knows/);
      await scanUnit(database.db, po1, 'TEE-L');
      const state = await scanUnit(database.db, po1, '8900000000001');
      assert.deepEqual(state.boxes[0].items, [{ sku: 'TEE-L', quantity: 2 }], 'an EAN scan counts for its SKU');
      await assert.rejects(
        scanUnit(database.db, po1, 'TEE-L'),
        refused(/All 2 of TEE-L on PO PO1 are already packed: this one is extra/),
      );
      await assert.rejects(openBox(database.db, po1, 'BOX-A2', 'packer'), refused(/Close box 1 \(BOX-A1\)/));
      await assert.rejects(closeBox(database.db, po1, 0), /weight in grams/);
    });

    test('boxes close with a weight; finishing settles short picks and packs the order', async () => {
      const po2 = orderIds.PO2;
      await openBox(database.db, po2, 'BOX-B1', 'packer');
      await scanUnit(database.db, po2, 'CAP-1');
      await scanUnit(database.db, po2, 'CAP-1');
      await scanUnit(database.db, po2, 'TEE-M');
      const undone = await unscanUnit(database.db, po2, 'TEE-M');
      assert.equal(undone.lines.find((l) => l.sku === 'TEE-M')!.packed, 0);
      await scanUnit(database.db, po2, 'TEE-M');
      await closeBox(database.db, po2, 850);
      await openBox(database.db, po2, 'BOX-B2', 'packer');
      await assert.rejects(
        finishPack(database.db, po2, 'packer'),
        refused(/Close box 2 \(BOX-B2\) with its weight first/),
      );
      await assert.rejects(closeBox(database.db, po2, 100), refused(/Box BOX-B2 is empty/));
      await scanUnit(database.db, po2, 'TEE-L');
      await closeBox(database.db, po2, 300);
      const done = await finishPack(database.db, po2, 'packer');
      assert.equal(done.status, 'packed');
      assert.deepEqual(
        done.lines.map((l) => [l.sku, l.packed, l.remaining]),
        [
          ['TEE-M', 1, 0],
          ['CAP-1', 2, 1],
          ['TEE-L', 1, 0],
        ],
      );
      const { rows } = await database.query<{ short_picked_qty: number }>(
        'select short_picked_qty from order_lines where order_id = $1 order by id',
        [po2],
      );
      assert.deepEqual(
        rows.map((r) => r.short_picked_qty),
        [0, 1, 0],
      );
      assert.deepEqual(
        done.boxes.map((b) => [b.boxCode, b.weightGrams, b.items.length]),
        [
          ['BOX-B1', 850, 2],
          ['BOX-B2', 300, 1],
        ],
      );
      await assert.rejects(scanUnit(database.db, po2, 'CAP-1'), refused(/PO PO2 is packed; it cannot be packed/));
    });

    test('the picklist closes once all its orders are packed', async () => {
      const po1 = orderIds.PO1;
      await scanUnit(database.db, po1, 'TEE-S');
      await closeBox(database.db, po1, 500);
      await finishPack(database.db, po1, 'packer');
      const [summary] = await listPicklists(database.db, {}, channelDescriptor);
      assert.equal((await getPicklist(database.db, summary.code, channelDescriptor)).status, 'closed');
    });
  });
}
