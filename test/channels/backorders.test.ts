import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { afterRecords, createChannelFixture, seller, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { reservedBySku } from '../../src/core/backorders.ts';

// 10 styles × 4 sizes; even variants have a Weft SKU of the same code as their seller SKU, odd ones none.
for (const kind of databaseKinds) {
  describe(`AJIO back-order (pendency) pull (${kind})`, () => {
    let f: ChannelFixture;
    const v = () => f.catalog.flatMap((p) => p.variants).filter((x) => x.live);
    const lines = async (status?: string) =>
      (
        await f.t.call('GET', `/api/channels/${f.code}/backorders?limit=500${status ? `&status=${status}` : ''}`, {
          as: 'viewer',
        })
      ).json().items;
    const reserved = async () => {
      const ids = new Map(
        (await f.t.database.query<{ id: number; code: string }>('select id, code from skus')).rows.map((r) => [
          r.id,
          r.code,
        ]),
      );
      return Object.fromEntries([...(await reservedBySku(f.t.database.db))].map(([id, n]) => [ids.get(id), n]));
    };
    let orderA: { order_id: string; order_lines: { order_item_id: string }[] };
    let orderB: typeof orderA;

    before(async () => {
      f = await createChannelFixture(kind, {
        styles: 10,
        master: (sellerSku, _ean, i) => (i % 2 === 0 ? { code: sellerSku } : null),
      });
      assert.equal((await f.run('skus')).status, 'succeeded');
    });
    after(() => f.close());

    test('open pendency reserves mapped SKUs; lines of unmapped listings are kept as exceptions with the reason', async () => {
      const mapped = v().filter((x) => x.sellerSku.length && f.catalog.flatMap((p) => p.variants).indexOf(x) % 2 === 0);
      const unmapped = v().filter((x) => f.catalog.flatMap((p) => p.variants).indexOf(x) % 2 === 1);
      const placed = await f.sandbox.control.placeCustomerOrders(seller.username, [
        {
          lines: [
            { sku: mapped[0].sku, quantity: 2 },
            { sku: unmapped[0].sku, quantity: 1 },
          ],
        },
        { lines: [{ sku: mapped[1].sku, quantity: 3 }] },
      ]);
      [orderA, orderB] = placed.orders!;
      const run = await f.run('backorders');
      assert.equal(run.status, 'partial');
      assert.deepEqual([run.created, run.failed], [2, 1]);
      const reason = `AJIO SKU ${unmapped[0].sku} is not mapped to a Weft SKU: link it under Channel mappings, then retry.`;
      assert.deepEqual(
        run.records.map((r) => [r.recordKey, r.message]),
        [[orderA.order_lines[1].order_item_id, reason]],
      );
      assert.deepEqual(await reserved(), { [mapped[0].sellerSku]: 2, [mapped[1].sellerSku]: 3 });
      const exceptions = await lines('exception');
      assert.deepEqual(
        exceptions.map((l: { channelSku: string; exception: string; quantity: number }) => [
          l.channelSku,
          l.quantity,
          l.exception,
        ]),
        [[unmapped[0].sku, 1, reason]],
      );

      const again = await f.run('backorders');
      assert.deepEqual(
        [again.created, again.updated, again.unchanged, again.failed],
        [0, 0, 2, 1],
        'pulling twice creates nothing twice',
      );
      assert.equal((await lines()).length, 3);
    });

    test('customer cancellations: a vanished line is released, a shrunk one reserves less', async () => {
      await f.sandbox.control.cancelCustomerOrders(seller.username, [
        { orderId: orderB.order_id },
        { orderId: orderA.order_id, lines: [{ order_item_id: orderA.order_lines[0].order_item_id, quantity: 1 }] },
      ]);
      const run = await f.run('backorders');
      assert.deepEqual([run.updated, run.failed], [2, 1]);
      const released = await lines('released');
      assert.deepEqual(
        released.map((l: { orderItemId: string }) => l.orderItemId),
        [orderB.order_lines[0].order_item_id],
      );
      const open = await lines('open');
      assert.deepEqual(
        open.map((l: { orderItemId: string; quantity: number }) => [l.orderItemId, l.quantity]),
        [[orderA.order_lines[0].order_item_id, 1]],
      );
      assert.deepEqual(Object.values(await reserved()), [1]);
    });

    test('an exception becomes open once its listing is linked, and the retry run completes', async () => {
      const failedRun = await f.run('backorders');
      const [exception] = await lines('exception');
      const sku = `LINKED-${exception.channelSku}`;
      await f.t.call('POST', '/api/skus', { body: { code: sku, name: 'Linked later', mrpPaise: 99900 } });
      const linked = await f.t.call('POST', `/api/channels/${f.code}/listings/${exception.channelSku}/link`, {
        body: { sku },
      });
      assert.equal(linked.statusCode, 200, linked.body);
      assert.equal((await lines('exception')).length, 0, 'linking opens its back orders at once');
      const retry = await f.run('backorders', { retryOf: failedRun.id });
      assert.deepEqual([retry.status, retry.failed], ['succeeded', 0]);
      assert.equal((await reserved())[sku], 1);
    });

    test('a line another stream marked converted is never released when it leaves pendency', async () => {
      const [open] = await lines('open');
      await f.t.database.query(`update backorder_lines set status = 'converted' where order_item_id = $1`, [
        open.orderItemId,
      ]);
      await f.sandbox.control.raisePurchaseOrders(seller.username);
      const run = await f.run('backorders');
      assert.equal(run.status, 'succeeded');
      const byId = new Map(
        (await lines()).map((l: { orderItemId: string; status: string }) => [l.orderItemId, l.status]),
      );
      assert.equal(byId.get(open.orderItemId), 'converted');
      assert.deepEqual(await reserved(), {});
    });

    test('a long pull through 500s, 429s, drops, malformed JSON and an expired token loses and doubles nothing', async () => {
      await f.sandbox.control.placeCustomerOrders(seller.username, {
        count: 130,
        seed: 7,
        maxLines: 3,
        maxQuantity: 2,
      });
      const run = await f.run('backorders', {
        wrap: afterRecords(async (call) => {
          if (call === 1) {
            await f.sandbox.control.injectFaults([
              { route: 'GET /orders/pendency', type: '500' },
              { route: 'GET /orders/pendency', type: '429' },
            ]);
            await f.sandbox.control.advanceClock(1900);
          }
          if (call === 2)
            await f.sandbox.control.injectFaults([
              { route: 'GET /orders/pendency', type: 'timeout', holdMs: 50 },
              { route: 'GET /orders/pendency', type: 'malformed-json' },
            ]);
        }),
      });
      assert.notEqual(run.status, 'failed', run.error ?? '');
      const token = await f.sandbox.login(seller.username, seller.password);
      const atAjio = new Map<string, number>();
      for (let page = 1; ; page++) {
        const body: any = await (
          await fetch(`${f.sandbox.url}/orders/pendency?pageNumber=${page}&pageSize=50`, { headers: { apiKey: token } })
        ).json();
        for (const o of body.orders) for (const l of o.order_lines) atAjio.set(l.order_item_id, l.ordered_quantity);
        if (page >= body.page.totalPages) break;
      }
      const pending = [...(await lines('open')), ...(await lines('exception'))];
      assert.equal(pending.length, atAjio.size);
      for (const l of pending) assert.equal(atAjio.get(l.orderItemId), l.quantity, l.orderItemId);
      const exceptions = (await lines('exception')).length;
      assert.deepEqual(
        [run.created, run.failed],
        [atAjio.size - exceptions, exceptions],
        'exception lines are stored and reported as failed records',
      );
      const again = await f.run('backorders');
      assert.deepEqual([again.created, again.unchanged, again.failed], [0, atAjio.size - exceptions, exceptions]);
      assert.equal([...(await lines('open')), ...(await lines('exception'))].length, atAjio.size);
    });

    test('a pull that cannot read AJIO fails cleanly and releases nothing', async () => {
      const before = (await lines('open')).length;
      await f.sandbox.control.injectFaults({ route: 'GET /orders/pendency', type: '500', count: -1 });
      const run = await f.run('backorders');
      await f.sandbox.control.clearFaults();
      assert.equal(run.status, 'failed');
      assert.match(run.error ?? '', /AJIO GET \/orders\/pendency: 500/);
      assert.equal((await lines('open')).length, before);
      assert.notEqual((await f.run('backorders')).status, 'failed');
    });
  });
}
