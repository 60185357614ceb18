import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertOrder, seedFulfilment } from '../helpers/fulfilment-fixture.ts';
import { getSku } from '../../src/core/catalog/skus.ts';

/**
 * What the console's picklist screens ask of the API: the create form's mistakes named by field, the
 * enquiry by status paged on the server, lines with the POs that need them, the prepack switch that
 * decides whether "Prefetch deliveries" applies, and a viewer refused.
 */
for (const kind of databaseKinds) {
  describe(`picklists API for the console (${kind})`, () => {
    let t: TestApp;
    let ids: { channelId: number; warehouseId: number };
    let channelCode: string;
    let po = 0;
    before(async () => {
      t = await createTestApp(kind);
      const { warehouse, channel } = await seedFulfilment(t.database.db);
      ids = { channelId: channel.id, warehouseId: warehouse.id };
      channelCode = channel.code;
    });
    after(() => t.close());

    const order = async (lines: [string, number][]) =>
      insertOrder(
        t.database.db,
        ids,
        `PO${++po}`,
        await Promise.all(
          lines.map(async ([sku, quantity]) => ({ sku, quantity, skuId: (await getSku(t.database.db, sku)).id })),
        ),
      );
    const create = (body: unknown, as: 'operator' | 'viewer' = 'operator') =>
      t.call('POST', '/api/picklists', { as, body });

    test('the create form: each mistake is refused with the field it concerns', async () => {
      await order([['TEE-L', 1]]);
      const cases: [unknown, string, RegExp][] = [
        [{ warehouse: '' }, 'warehouse', /Choose the warehouse/],
        [{ warehouse: 'NOPE' }, 'warehouse', /There is no warehouse NOPE/],
        [{ warehouse: 'MUM1', channel: 'NOPE' }, 'channel', /There is no channel NOPE/],
        [
          { warehouse: 'MUM1', poDateFrom: '2025-01-31', poDateTo: '2025-01-01' },
          'poDateTo',
          /"to" date is before the "from" date/,
        ],
        [{ warehouse: 'MUM1', poDateFrom: '31/01/2025' }, 'poDateFrom', /YYYY-MM-DD/],
      ];
      for (const [body, field, message] of cases) {
        const res = await create(body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
        assert.equal(res.json().error.field, field, res.body);
        assert.match(res.json().error.message, message);
      }
      assert.equal((await create({ warehouse: 'MUM1' }, 'viewer')).statusCode, 403, 'a viewer cannot create');
      assert.equal(
        (await t.call('GET', '/api/picklists?status=pending', { as: 'viewer' })).json().items.length,
        0,
        'nothing was made',
      );
    });

    test('lines name the POs that need them; prepack says whether prefetch applies', async () => {
      await order([
        ['TEE-L', 2],
        ['CAP-1', 1],
      ]);
      const made = await create({ warehouse: 'mum1', channel: channelCode.toLowerCase() });
      assert.equal(made.statusCode, 201, made.body);
      const picklist = made.json();
      assert.equal(picklist.prepack, false);
      const teeL = picklist.lines.find((l: { skuCode: string }) => l.skuCode === 'TEE-L');
      assert.deepEqual(teeL.poNumbers, ['PO1', 'PO2']);
      assert.equal(teeL.quantity, 3);
      assert.deepEqual(picklist.lines.find((l: { skuCode: string }) => l.skuCode === 'CAP-1').poNumbers, ['PO2']);

      await t.database.query(`update channels set settings = '{"orders":{"prepack":true}}'::jsonb where id = $1`, [
        ids.channelId,
      ]);
      try {
        assert.equal((await t.call('GET', `/api/picklists/${picklist.code}`, { as: 'viewer' })).json().prepack, true);
        const listed = (await t.call('GET', '/api/picklists?status=pending', { as: 'viewer' })).json().items;
        assert.equal(listed.find((p: { code: string }) => p.code === picklist.code).prepack, true);
      } finally {
        await t.database.query(`update channels set settings = '{}'::jsonb where id = $1`, [ids.channelId]);
      }
      assert.equal(
        (await t.call('POST', `/api/picklists/${picklist.code}/prefetch`, { as: 'viewer' })).statusCode,
        403,
        'a viewer cannot prefetch',
      );
      assert.equal(
        (await t.call('POST', `/api/picklists/${picklist.code}/status`, { as: 'viewer', body: { status: 'picking' } }))
          .statusCode,
        403,
      );
      const pdf = await t.call('GET', `/api/picklists/${picklist.code}/pdf`, { as: 'viewer' });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
    });

    test('the enquiry filters by status and pages on the server, newest first', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        await order([['TEE-S', 1]]);
        codes.push((await create({ warehouse: 'MUM1' })).json().code);
      }
      const moved = await t.call('POST', `/api/picklists/${codes[0]}/status`, {
        as: 'operator',
        body: { status: 'picking' },
      });
      assert.equal(moved.json().status, 'picking');
      const skipped = await t.call('POST', `/api/picklists/${codes[0]}/status`, {
        as: 'operator',
        body: { status: 'closed' },
      });
      assert.equal(skipped.statusCode, 400);
      assert.equal(skipped.json().error.field, 'status');

      const page = async (query: string) => (await t.call('GET', `/api/picklists?${query}`, { as: 'viewer' })).json();
      const first = await page('status=pending&limit=2');
      assert.deepEqual(
        first.items.map((p: { code: string }) => p.code),
        [codes[2], codes[1]],
      );
      assert.equal(first.next, codes[1]);
      const second = await page(`status=pending&limit=2&before=${first.next}`);
      assert.ok(
        second.items.length >= 1 &&
          second.items.every((p: { status: string; code: string }) => p.status === 'pending' && p.code < codes[1]),
      );
      assert.ok(!second.items.some((p: { code: string }) => p.code === codes[0]), 'the picking one is not pending');
      assert.deepEqual(
        (await page('status=picking')).items.map((p: { code: string }) => p.code),
        [codes[0]],
      );
      const bad = await t.call('GET', '/api/picklists?status=lost', { as: 'viewer' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /pending, picking, picked, closed/);
    });
  });
}
