import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { claimDuePage, markOutcomes } from '../../src/core/inventory/push-status.ts';

/**
 * The page-at-a-time claim the inventory push runs on: which listings are due, that they are marked
 * 'in_process' with their breakdown before being sent, and that paging walks past pages with
 * nothing due. Small pages here stand for the 5,000-listing pages of a real channel.
 */
for (const kind of databaseKinds) {
  describe(`inventory push status (${kind})`, () => {
    let database: TestDatabase;
    let channelId: number;
    let warehouseId: number;
    let listingIds: number[];

    const newRun = async () =>
      Number(
        (
          await database.query<{ id: number }>(
            "insert into sync_runs (channel_id, stream, trigger) values ($1, 'inventory', 'manual') returning id",
            [channelId],
          )
        ).rows[0].id,
      );

    /** Claims every page of 2 listings; answers each page's end and the due listing ids. */
    async function claimAll(runId: number, fullSince: Date | null = null) {
      const pages: { pageEnd: number; due: number[] }[] = [];
      let after = 0;
      for (;;) {
        const page = await claimDuePage(database, {
          channelId,
          warehouseIds: [warehouseId],
          after,
          limit: 2,
          fullSince,
          runId,
        });
        if (page.pageEnd === null) return pages;
        pages.push({ pageEnd: page.pageEnd, due: page.due.map((f) => f.listingId) });
        after = page.pageEnd;
      }
    }

    const statuses = async () =>
      (
        await database.query<{
          listing_id: number;
          status: string;
          quantity: number;
          run_id: number;
          breakdown: unknown;
        }>('select listing_id, status, quantity, run_id, breakdown from listing_inventory order by listing_id')
      ).rows.map((r) => ({ ...r, listing_id: Number(r.listing_id), run_id: Number(r.run_id) }));

    before(async () => {
      database = await createTestDatabase(kind);
      warehouseId = Number(
        (
          await database.query<{ id: number }>(
            "insert into warehouses (code, name, state_code, pincode) values ('PSH1', 'Push', '27', '400001') returning id",
          )
        ).rows[0].id,
      );
      channelId = Number(
        (
          await database.query<{ id: number }>(
            "insert into channels (code, type, name, warehouse_id, settings) values ('PUSH0001', 'ajio-jit', 'Push', $1, '{}') returning id",
            [warehouseId],
          )
        ).rows[0].id,
      );
      await database.query(
        "insert into skus (code, name, mrp_paise) select 'PS-' || g, 'PS ' || g, 99900 from generate_series(1, 5) g",
      );
      const { rows } = await database.query<{ id: number }>(
        `
        insert into channel_listings (channel_id, channel_sku, channel_product_id, seller_sku, sku_id, buffer)
        select $1, 'A-' || s.code, 'P' || s.id || '~V' || s.id, s.code, s.id, case when s.code = 'PS-2' then 1 else 0 end
        from skus s where s.code like 'PS-%' order by s.id returning id`,
        [channelId],
      );
      listingIds = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      // An unmapped and an inactive listing: never claimed.
      await database.query(
        `insert into channel_listings (channel_id, channel_sku, channel_product_id, sku_id, active)
        values ($1, 'A-UNMAPPED', 'P9~V9', null, true), ($1, 'A-INACTIVE', 'P8~V8', (select id from skus where code = 'PS-1'), false)`,
        [channelId],
      );
      await database.query(
        "insert into inventory_levels (warehouse_id, sku_id, on_hand) select $1, id, 10 from skus where code like 'PS-%'",
        [warehouseId],
      );
    });
    after(() => database.dispose());

    test('the first run claims every mapped listing page by page, marked in_process with its breakdown', async () => {
      const runId = await newRun();
      const pages = await claimAll(runId);
      assert.deepEqual(pages, [
        { pageEnd: listingIds[1], due: listingIds.slice(0, 2) },
        { pageEnd: listingIds[3], due: listingIds.slice(2, 4) },
        { pageEnd: listingIds[4], due: listingIds.slice(4) },
      ]);
      const rows = await statuses();
      assert.deepEqual(
        rows.map((r) => [r.listing_id, r.status, r.quantity, r.run_id]),
        listingIds.map((id, i) => [id, 'in_process', i === 1 ? 9 : 10, runId]),
      );
      assert.deepEqual(rows[1].breakdown, { onHand: 10, allocated: 0, reserved: 0, buffer: 1, pushed: 9 });
    });

    test('after success nothing is due, yet every page is still walked; a changed figure and a failure are due again', async () => {
      await markOutcomes(
        database,
        listingIds.map((id, i) => ({
          listingId: id,
          status: i === 4 ? 'error' : 'success',
          message: i === 4 ? 'AJIO: refused' : null,
        })),
      );
      assert.deepEqual(
        (await statuses()).map((r) => r.status),
        ['success', 'success', 'success', 'success', 'error'],
      );
      await database.query(
        'update inventory_levels set on_hand = 7 where sku_id = (select sku_id from channel_listings where id = $1)',
        [listingIds[2]],
      );
      const runId = await newRun();
      assert.deepEqual(await claimAll(runId), [
        { pageEnd: listingIds[1], due: [] },
        { pageEnd: listingIds[3], due: [listingIds[2]] },
        { pageEnd: listingIds[4], due: [listingIds[4]] },
      ]);
      const rows = await statuses();
      assert.deepEqual(
        rows.map((r) => [r.status, r.run_id === runId]),
        [
          ['success', false],
          ['success', false],
          ['in_process', true],
          ['success', false],
          ['in_process', true],
        ],
      );
      assert.equal(rows[2].quantity, 7);
    });

    test('a full push asked for after the last push claims every listing again, changed or not', async () => {
      await markOutcomes(
        database,
        [listingIds[2], listingIds[4]].map((id) => ({ listingId: id, status: 'success' as const, message: null })),
      );
      const {
        rows: [clock],
      } = await database.query<{ now: Date | string }>("select now() + interval '1 second' as now");
      const pages = await claimAll(await newRun(), new Date(clock.now));
      assert.deepEqual(
        pages.flatMap((p) => p.due),
        listingIds,
      );
      assert.deepEqual(
        await claimAll(await newRun(), new Date(0)),
        [
          { pageEnd: listingIds[1], due: listingIds.slice(0, 2) },
          { pageEnd: listingIds[3], due: listingIds.slice(2, 4) },
          { pageEnd: listingIds[4], due: listingIds.slice(4) },
        ],
        'still in_process from the claim before, so due again',
      );
    });
  });
}
