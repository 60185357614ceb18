import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { slaStateCounts } from '../../src/core/orders/sla-sql.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';

/**
 * Issue 15's done-when for the SLA clock, through the API: a PO raised at the sandbox, then the
 * sandbox clock (which Weft's clock follows in this test) moved to 20 h, 25 h and 49 h after the PO
 * date — the order shows "due in 4 h", "breached target", "breached limit", in the list and on the
 * order page, and the SLA filter and dispatch-by sort agree.
 */
for (const kind of databaseKinds) {
  describe(`PO SLA clock through the API (${kind})`, () => {
    let f: OrdersFixture;
    let poNumber: string;
    let id: number;
    let poDate: Date;
    before(async () => {
      f = await createOrdersFixture(kind, { styles: 1 });
      const clock = f.sandbox.sandbox.state.clock;
      f.t.useClock(() => new Date(clock.nowMs()));
      const po = await f.raisePo([{ sku: f.variants[0].sku, quantity: 2 }]);
      poNumber = po.po_number;
      await f.run('orders');
      const order = (await f.t.call('GET', `/api/orders?q=${poNumber}`)).json().items[0];
      id = order.id;
      poDate = new Date(order.poDate);
    });
    after(async () => f.close());

    /** Moves the sandbox clock to `hours` after the PO date (it only moves forward). */
    const at = async (hours: number) => {
      const clock = f.sandbox.sandbox.state.clock;
      await f.sandbox.control.advanceClock(Math.max(0, (poDate.getTime() + hours * 3_600_000 - clock.nowMs()) / 1000));
    };
    const listed = async (query = '') =>
      (await f.t.call('GET', `/api/orders?channel=${f.code}${query}`)).json().items as any[];

    test('at once: dispatch-by is the PO date + 24 h, limit + 48 h, the PO is due', async () => {
      const [row] = await listed();
      assert.equal(new Date(row.sla.dispatchBy).getTime(), poDate.getTime() + 24 * 3_600_000);
      assert.equal(new Date(row.sla.dispatchLimit).getTime(), poDate.getTime() + 48 * 3_600_000);
      assert.equal(row.sla.state, 'due');
      assert.equal(row.sla.bucket, '<12h');
    });

    test('20 h after the PO: due in 4 h (at risk), in the list, on the order page and by filter', async () => {
      await at(20);
      const [row] = await listed();
      assert.equal(row.sla.label, 'due in 4 h');
      assert.equal(row.sla.state, 'at_risk');
      assert.equal(row.sla.bucket, '12-24h');
      const page = (await f.t.call('GET', `/api/orders/${id}`)).json();
      assert.equal(page.sla.label, 'due in 4 h');
      assert.deepEqual(
        (await listed('&sla=at_risk')).map((o) => o.poNumber),
        [poNumber],
      );
      assert.deepEqual(await listed('&sla=breached'), []);
      const counts = await slaStateCounts(
        f.t.database.db,
        f.channelId,
        new Date(f.sandbox.sandbox.state.clock.nowMs()),
        channelDescriptor,
      );
      assert.deepEqual(counts, { due: 0, at_risk: 1, breached_target: 0, breached_limit: 0 });
    });

    test('25 h after the PO: breached target', async () => {
      await at(25);
      const [row] = await listed();
      assert.equal(row.sla.label, 'breached target');
      assert.equal(row.sla.bucket, '24-48h');
      assert.equal((await f.t.call('GET', `/api/orders/${id}`)).json().sla.label, 'breached target');
      assert.deepEqual(
        (await listed('&sla=breached_target')).map((o) => o.poNumber),
        [poNumber],
      );
      assert.deepEqual(await listed('&sla=at_risk'), []);
    });

    test('49 h after the PO: breached limit; a second PO raised now sorts after it by dispatch-by', async () => {
      await at(49);
      const [row] = await listed();
      assert.equal(row.sla.label, 'breached limit');
      assert.equal(row.sla.bucket, '>48h');
      assert.equal((await f.t.call('GET', `/api/orders/${id}`)).json().sla.label, 'breached limit');
      assert.deepEqual(
        (await listed('&sla=breached_limit')).map((o) => o.poNumber),
        [poNumber],
      );
      const fresh = await f.raisePo([{ sku: f.variants[0].sku, quantity: 1 }]);
      await f.run('orders');
      const sorted = await listed('&sort=dispatchBy');
      assert.deepEqual(
        sorted.map((o) => o.poNumber),
        [poNumber, fresh.po_number],
      );
      const newest = await listed();
      assert.deepEqual(
        newest.map((o) => o.poNumber),
        [fresh.po_number, poNumber],
      );
      const paged = (await f.t.call('GET', `/api/orders?channel=${f.code}&sort=dispatchBy&limit=1`)).json();
      const second = (
        await f.t.call(
          'GET',
          `/api/orders?channel=${f.code}&sort=dispatchBy&limit=1&after=${encodeURIComponent(paged.next)}`,
        )
      ).json();
      assert.deepEqual(
        [paged.items[0].poNumber, second.items[0].poNumber, second.next],
        [poNumber, fresh.po_number, null],
      );
    });

    test('the hours are channel settings: checked, saved, and the clock follows them', async () => {
      const bad = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { sla: { targetHours: 12, limitHours: 6 } } },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.field, 'settings.sla.limitHours');
      assert.match(bad.json().error.message, /dispatch limit comes after the target/);
      const ok = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { sla: { targetHours: 12, limitHours: 60, atRiskHours: 2 } } },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json().settings.sla, { targetHours: 12, limitHours: 60, atRiskHours: 2 });
      const row = (await listed()).find((o) => o.poNumber === poNumber);
      assert.equal(new Date(row.sla.dispatchBy).getTime(), poDate.getTime() + 12 * 3_600_000);
      assert.equal(row.sla.label, 'breached target', '49 h: past the 12 h target, inside the 60 h limit');
    });
  });
}
