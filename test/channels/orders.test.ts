import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamContext } from '../../src/core/channel-descriptor.ts';
import { advanceCursor, readCursor } from '../../src/core/sync/cursors.ts';
import { touch } from '../../src/sandbox/ajio/purchase-orders.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';

/** Calls `act` once, after the first page of records of the run has landed. */
const afterFirstPage =
  (act: () => Promise<unknown>) =>
  (ctx: StreamContext): StreamContext => {
    let done = false;
    return {
      ...ctx,
      record: async (results) => {
        await ctx.record(results);
        if (!done) {
          done = true;
          await act();
        }
      },
    };
  };

for (const kind of databaseKinds) {
  describe(`AJIO JIT order pull (${kind})`, () => {
    let f: OrdersFixture;
    const pos: string[] = [];
    const ordersCount = () => f.count('select count(*)::int as n from orders');
    const linesCount = () => f.count('select count(*)::int as n from order_lines');

    before(async () => {
      // The last variant stays unlinked, for the hold tests.
      f = await createOrdersFixture(kind, { styles: 3, unlinked: (_v, i) => i === 11 });
    });
    after(async () => f.close());

    test('each PO becomes an order with lines linked to SKUs, amounts in paise, and its pendency converted', async () => {
      const [a, b, c] = f.variants;
      const po = await f.raisePo([
        { sku: a.sku, quantity: 2 },
        { sku: b.sellerSku, quantity: 1 },
        { sku: c.ean, quantity: 3 },
      ]);
      pos.push(po.po_number);
      const run = await f.run('orders');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.equal(run.created, 1);
      const list = (await f.t.call('GET', `/api/orders?channel=${f.code}`, { as: 'viewer' })).json();
      assert.equal(list.items.length, 1);
      assert.deepEqual(
        [list.items[0].poNumber, list.items[0].status, list.items[0].units, list.items[0].openUnits],
        [po.po_number, 'open', 6, 6],
      );
      const order = (await f.t.call('GET', `/api/orders/${list.items[0].id}`, { as: 'viewer' })).json();
      const ajio = await f.ajioPo(po.po_number);
      assert.equal(order.marketplaceStatus, 'CONFIRMED');
      assert.equal(order.poAmountPaise, Math.round(ajio.po_amount * 100));
      assert.equal(order.shipTo.stateCode, ajio.ship_to.state_code);
      assert.deepEqual(
        order.lines.map((l: any) => [l.skuCode, l.quantity, l.remaining]).sort(),
        [
          [a.sellerSku, 2, 2],
          [b.sellerSku, 1, 1],
          [c.sellerSku, 3, 3],
        ].sort(),
      );
      assert.ok(order.lines.every((l: any) => l.pendencyItemIds.length === 1 && l.unitPricePaise > 0));
      assert.equal(order.events.length, 1);
      assert.equal(await f.count(`select count(*)::int as n from backorder_lines where status = 'converted'`), 3);
      assert.equal(await f.count(`select count(*)::int as n from backorder_lines where status = 'open'`), 0);
    });

    test('pulling again, and twice at once, creates nothing twice; the cursor only moves forward', async () => {
      for (let i = 0; i < 54; i++)
        pos.push((await f.raisePo([{ sku: f.variants[i % 10].sku, quantity: 1 }])).po_number);
      const first = await f.run('orders');
      assert.equal(first.created, 54);
      const cursor = await readCursor(f.t.database.db, f.channelId, 'orders');
      const [again, other] = await Promise.all([f.run('orders'), f.run('orders')]);
      assert.equal(again.created + other.created, 0);
      assert.equal(again.status, 'succeeded');
      assert.equal(await ordersCount(), 55);
      assert.equal(await linesCount(), 3 + 54);
      assert.equal(await f.count('select count(distinct po_number)::int as n from orders'), 55);
      const later = await readCursor(f.t.database.db, f.channelId, 'orders');
      assert.ok(Date.parse(later!.at) >= Date.parse(cursor!.at));
      assert.equal(await advanceCursor(f.t.database.db, f.channelId, 'orders', { at: '2020-01-01T00:00:00Z' }), false);
      assert.equal((await readCursor(f.t.database.db, f.channelId, 'orders'))!.at, later!.at);
      const page1 = (await f.t.call('GET', '/api/orders?limit=50')).json();
      const page2 = (await f.t.call('GET', `/api/orders?limit=50&after=${encodeURIComponent(page1.next)}`)).json();
      assert.equal(page1.items.length + page2.items.length, 55);
      assert.equal(page2.next, null);
      assert.equal(new Set([...page1.items, ...page2.items].map((o: any) => o.id)).size, 55);
      const found = (await f.t.call('GET', `/api/orders?q=${pos[3]}`)).json();
      assert.deepEqual(
        found.items.map((o: any) => o.poNumber),
        [pos[3]],
      );
    });

    test('changes made at AJIO are applied, also to orders older than the window', async () => {
      // Move the cursor past everything: these orders are now only read again by id.
      await advanceCursor(f.t.database.db, f.channelId, 'orders', {
        at: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      const token = await f.sandbox.login(ordersSeller.username, ordersSeller.password);
      const cancelled = await fetch(`${f.sandbox.url}/orders/cancel`, {
        method: 'POST',
        headers: { apiKey: token, 'content-type': 'application/json' },
        body: JSON.stringify({ po_number: pos[1], reason: 'seller portal' }),
      });
      assert.equal(cancelled.status, 200);
      const po0 = await f.ajioPo(pos[0]);
      const pendencyOrder = po0.order_lines[0].pendency_item_ids[0].replace(/-\d+$/, '');
      await f.sandbox.control.cancelCustomerOrders(ordersSeller.username, [
        { orderId: pendencyOrder, lines: [{ order_item_id: po0.order_lines[0].pendency_item_ids[0], quantity: 1 }] },
      ]);
      const run = await f.run('orders');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.equal(run.updated, 2);
      const [o1] = (await f.t.call('GET', `/api/orders?q=${pos[1]}`)).json().items;
      assert.deepEqual([o1.status, o1.marketplaceStatus], ['cancelled', 'CANCELLED']);
      const [o0] = (await f.t.call('GET', `/api/orders?q=${pos[0]}`)).json().items;
      const detail = (await f.t.call('GET', `/api/orders/${o0.id}`)).json();
      assert.equal(
        detail.lines.find((l: any) => l.externalLineId === po0.order_lines[0].order_item_id).cancelledQty,
        1,
      );
      assert.match(detail.events.at(-1).note, /cancelled 0 → 1/);
      assert.equal((await f.run('orders')).updated, 0, 'applied once');
    });

    test('with order sync off the run is refused and nothing is pulled', async () => {
      const off = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { orders: { orderSync: false } } },
      });
      assert.equal(off.statusCode, 200, off.body);
      await f.raisePo([{ sku: f.variants[0].sku, quantity: 1 }]);
      const refused = await f.t.call('POST', `/api/channels/${f.code}/sync/orders`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /Order sync is off for this channel/);
      assert.equal(await ordersCount(), 55);
      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { orderSync: true } } } });
      await advanceCursor(f.t.database.db, f.channelId, 'orders', {
        at: new Date(Date.now() + 4 * 3600_000).toISOString(),
      });
    });

    test('a PO with an unmapped SKU is kept on hold with its reason, then created after linking (reprocess and retry)', async () => {
      const unlinked = f.variants[11];
      const held = await f.raisePo([
        { sku: unlinked.sku, quantity: 2 },
        { sku: f.variants[0].sku, quantity: 1 },
      ]);
      // The cursor stands in the future: start again from the sync-from date.
      await f.t.database.query(`delete from sync_cursors where stream = 'orders'`);
      const run = await f.run('orders');
      assert.equal(run.status, 'partial');
      const failed = run.records.filter((r) => r.recordKey === held.po_number);
      assert.equal(failed.length, 1);
      assert.match(
        failed[0].message!,
        new RegExp(`${unlinked.sku} \\(seller SKU ${unlinked.sellerSku}\\) on line .* is not linked to a Weft SKU`),
      );
      const [order] = (await f.t.call('GET', `/api/orders?status=on_hold`)).json().items;
      assert.equal(order.poNumber, held.po_number);
      assert.match(order.holdReason, /Link the listing to a Weft SKU/);
      // The PO took its pendency even though it is held: its mapped line reserves the unit itself, once
      // (held-po-stock.test.ts), and is not left to look like a customer cancellation at the next pendency pull.
      assert.equal(
        await f.count(`select count(*)::int as n from backorder_lines where status = 'open'`),
        0,
        'pendency converted',
      );
      const pendencyIds = (await f.ajioPo(held.po_number)).order_lines.flatMap((l: any) => l.pendency_item_ids);
      assert.equal(pendencyIds.length, 2);
      assert.equal(
        await f.count(
          `select count(*)::int as n from backorder_lines where status = 'converted' and order_item_id = any($1::text[])`,
          [pendencyIds],
        ),
        2,
      );
      const early = await f.t.call('POST', `/api/orders/${order.id}/reprocess`, { as: 'operator' });
      assert.equal(early.statusCode, 409);
      await f.link(unlinked.sellerSku);
      const done = await f.t.call('POST', `/api/orders/${order.id}/reprocess`, { as: 'operator' });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().status, 'open');
      assert.equal(done.json().holdReason, null);
      assert.ok(done.json().lines.every((l: any) => l.skuCode));
      assert.equal(
        await f.count(`select count(*)::int as n from backorder_lines where status = 'open'`),
        0,
        'now allocated',
      );

      // The same through a retry run of the failed records.
      await f.t.database.query('update channel_listings set sku_id = null where channel_sku = $1', [unlinked.sku]);
      const second = await f.raisePo([{ sku: unlinked.sku, quantity: 1 }]);
      const pulled = await f.run('orders');
      assert.ok(pulled.records.some((r) => r.recordKey === second.po_number));
      await f.link(unlinked.sellerSku);
      const retried = await f.run('orders', { retryOf: pulled.id });
      assert.equal(retried.status, 'succeeded', JSON.stringify(retried.records));
      assert.equal(retried.updated, 1);
      assert.equal(await f.count(`select count(*)::int as n from orders where status = 'on_hold'`), 0);
    });

    test('a malformed PO is kept on hold with its payload; a malformed answer is read again; nothing is lost', async () => {
      const po = await f.raisePo([{ sku: f.variants[2].sku, quantity: 2 }]);
      const record = f.sandboxPo(po.po_number);
      record.lines[0].quantity = -1;
      touch(record);
      const run = await f.run('orders');
      const failed = run.records.find((r) => r.recordKey === po.po_number)!;
      assert.match(failed.message!, /cannot read \(line .*: quantity -1 is not a whole number of units\)/);
      const [order] = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items;
      assert.equal(order.status, 'on_hold');
      const kept = await f.t.database.query<{ raw: any }>('select raw from orders where id = $1', [order.id]);
      assert.equal(kept.rows[0].raw.po_number, po.po_number);
      record.lines[0].quantity = 2;
      touch(record);
      const retried = await f.run('orders', { retryOf: run.id });
      assert.equal(retried.status, 'succeeded');
      assert.equal((await f.t.call('GET', `/api/orders/${order.id}`)).json().status, 'open');

      const before = await ordersCount();
      for (let i = 0; i < 3; i++) await f.raisePo([{ sku: f.variants[i].sku, quantity: 1 }]);
      await f.sandbox.control.injectFaults({ route: 'GET /orders', type: 'malformed-json', count: 2 });
      const again = await f.run('orders');
      assert.equal(again.status, 'succeeded', again.error ?? '');
      assert.equal(await ordersCount(), before + 3);
    });

    test('429 bursts, 500s and timeouts in the middle of a pull: everything lands once', async () => {
      await f.t.database.query(`delete from sync_cursors where stream = 'orders'`);
      const before = await ordersCount();
      for (let i = 0; i < 60; i++) await f.raisePo([{ sku: f.variants[i % 10].sku, quantity: 1 }]);
      const run = await f.run('orders', {
        wrap: afterFirstPage(() =>
          f.sandbox.control.injectFaults([
            { route: 'GET /orders', type: '429', count: 2, retryAfter: 1 },
            { route: 'GET /orders', type: '500', count: 1 },
            { route: 'GET /orders', type: 'timeout', count: 1, holdMs: 50 },
          ]),
        ),
      });
      assert.equal(run.status, 'succeeded', run.error ?? '');
      const left = (await (await fetch(`${f.sandbox.origin}/__sandbox/faults`)).json()) as { faults: unknown[] };
      assert.equal(left.faults.length, 0, 'every fault was met');
      assert.equal(await ordersCount(), before + 60);
      assert.equal(await f.count('select count(distinct po_number)::int as n from orders'), before + 60);

      // A pull that gives up half-way keeps what landed and leaves the cursor; the next one completes.
      for (let i = 0; i < 60; i++) await f.raisePo([{ sku: f.variants[i % 10].sku, quantity: 1 }]);
      const cursor = await readCursor(f.t.database.db, f.channelId, 'orders');
      const broken = await f.run('orders', {
        wrap: afterFirstPage(() => f.sandbox.control.injectFaults({ route: 'GET /orders', type: '500', count: 5 })),
      });
      assert.equal(broken.status, 'failed');
      assert.match(broken.error!, /500/);
      assert.deepEqual(await readCursor(f.t.database.db, f.channelId, 'orders'), cursor);
      const healed = await f.run('orders');
      assert.equal(healed.status, 'succeeded', healed.error ?? '');
      assert.equal(await ordersCount(), before + 120);
      assert.equal(await f.count('select count(distinct po_number)::int as n from orders'), before + 120);
    });

    test('the token expiring in the middle of a long pull: the client logs in again and carries on', async () => {
      await f.t.database.query(`delete from sync_cursors where stream = 'orders'`);
      const before = await ordersCount();
      for (let i = 0; i < 55; i++) await f.raisePo([{ sku: f.variants[i % 10].sku, quantity: 1 }]);
      const run = await f.run('orders', { wrap: afterFirstPage(() => f.sandbox.control.advanceClock(1900)) });
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.equal(await ordersCount(), before + 55);
      // POs AJIO dates ahead of Weft's clock are still read.
      await f.raisePo([{ sku: f.variants[0].sku, quantity: 1 }]);
      assert.equal((await f.run('orders')).created, 1);
    });
  });
}
