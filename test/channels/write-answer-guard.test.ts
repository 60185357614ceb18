import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createInventoryFixture, type InventoryFixture } from '../helpers/inventory-fixture.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';

/**
 * The contract guard on answers to Weft's writes and logins: a needed field AJIO drops or re-types
 * raises one drift event naming the call and the field, and what depends on it is held — an inventory
 * batch stays 'submitted' and is sent again, a login with an unreadable token is not used.
 */
interface DriftRow {
  call: string;
  field: string;
  got: string;
  count: number;
}

for (const kind of databaseKinds) {
  describe(`contract guard on write and login answers (${kind})`, () => {
    let f: InventoryFixture;
    const drift = async (call: string): Promise<DriftRow[]> =>
      (await f.call('GET', `/api/channels/${f.channelCode}/contract-drift`))
        .json()
        .items.filter((e: DriftRow) => e.call === call);
    const pushStates = async () =>
      (
        await f.database.query<{ status: string; message: string | null }>(
          'select li.status, li.message from listing_inventory li join channel_listings l on l.id = li.listing_id where l.channel_id = $1',
          [f.channelId],
        )
      ).rows;

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 2 });
    });
    after(async () => {
      await f.sandbox.control.clearFaults();
      await f.close();
    });

    test('an inventory answer without its status: a drift event, the batch held as submitted and sent again', async () => {
      await f.setOnHandAll(4);
      await f.sandbox.control.changeFields({
        route: 'POST /updateInventory',
        path: 'status',
        action: 'drop',
        count: -1,
      });
      const run = await f.run('inventory');
      assert.equal(run.failed, f.listings.length, 'no figure taken for accepted');
      const events = await drift('POST /updateInventory');
      assert.deepEqual(
        events.map((e) => [e.call, e.field, e.got]),
        [['POST /updateInventory', 'status', 'missing']],
      );
      const held = await pushStates();
      assert.equal(held.length, f.listings.length);
      for (const s of held) {
        assert.equal(s.status, 'submitted');
        assert.match(
          s.message ?? '',
          /Contract drift: AJIO's answer to POST \/updateInventory .*status: expected a batch status/,
        );
      }
      await f.sandbox.control.clearFaults();
      const again = await f.run('inventory');
      assert.equal(again.updated, f.listings.length, 'sent again once AJIO answers in full');
      assert.ok((await pushStates()).every((s) => s.status === 'success'));
    });

    test('a failure list of another type is drift, not "nothing failed"', async () => {
      await f.setOnHandAll(5);
      await f.sandbox.control.changeFields({
        route: 'POST /updateInventory',
        path: 'failedProductList',
        action: 'retype',
        value: 'none',
        count: 1,
      });
      const run = await f.run('inventory');
      await f.sandbox.control.clearFaults();
      assert.equal(run.updated, 0);
      const events = await drift('POST /updateInventory');
      const retyped = events.find((e) => e.field === 'failedProductList');
      assert.ok(retyped, JSON.stringify(events));
      assert.equal(retyped.got, 'a string "none"');
      assert.ok((await pushStates()).every((s) => s.status === 'submitted'));
    });

    test('a login answer whose token is not text: a drift event, the token never used', async () => {
      await f.sandbox.control.changeFields({
        route: 'POST /authToken',
        path: 'result.accessToken',
        action: 'retype',
        value: 12345,
        count: 1,
      });
      // A changed setting gives the channel a new client, which logs in afresh.
      const patched = await f.call('PATCH', `/api/channels/${f.channelCode}`, { settings: { rateLimitPerSecond: 49 } });
      assert.equal(patched.statusCode, 200, patched.body);
      const run = await f.run('inventory');
      assert.equal(run.updated, 0, 'nothing sent with an unreadable token');
      for (const st of await pushStates())
        assert.match(st.message ?? '', /Contract drift: AJIO's answer to POST \/authToken .*result\.accessToken/);
      const [event] = await drift('POST /authToken');
      assert.deepEqual([event.field, event.got], ['result.accessToken', 'a number [redacted]']);
      const channel = (await f.call('GET', `/api/channels/${f.channelCode}`)).json();
      assert.equal(channel.loginRefused, null, 'an unreadable answer is not a refused password');
      const next = await f.run('inventory');
      assert.equal(next.status, 'succeeded', next.error ?? '');
    });
  });

  describe(`contract guard on the cancel answer (${kind})`, () => {
    let f: OrdersFixture;
    before(async () => {
      f = await createOrdersFixture(kind, { styles: 1 });
    });
    after(async () => {
      await f.sandbox.control.clearFaults();
      await f.close();
    });

    test('a cancel answer of another shape: a drift event, the outcome read back from AJIO, nothing sent twice', async () => {
      const po = await f.raisePo([{ sku: f.variants[0].sku, quantity: 2 }]);
      assert.equal((await f.run('orders')).created, 1);
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id;
      const line = (await f.t.call('GET', `/api/orders/${id}`)).json().lines[0];
      await f.sandbox.control.changeFields({
        route: 'POST /orders/cancel',
        path: 'order_lines',
        action: 'retype',
        value: 'done',
        count: 1,
      });
      const cancelled = await f.t.call('POST', `/api/orders/${id}/cancel`, {
        as: 'operator',
        body: { reason: 'Out of stock', lines: [{ lineId: line.id, quantity: 1 }] },
      });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().order.lines[0].cancelledQty, 1, 'AJIO shows it cancelled: so it is');
      const sent = (await f.sandbox.control.received(ordersSeller.username, 'cancellations')).items;
      assert.equal(sent.length, 1);
      assert.equal((await f.ajioPo(po.po_number)).order_lines[0].seller_cancelled_qty, 1);
      const events = (await f.t.call('GET', `/api/channels/${f.code}/contract-drift`, { as: 'viewer' }))
        .json()
        .items.filter((e: DriftRow) => e.call === 'POST /orders/cancel');
      assert.deepEqual(
        events.map((e: DriftRow) => [e.field, e.got]),
        [['order_lines', 'a string "done"']],
      );
    });
  });

  describe(`contract guard on the invoice answer (${kind})`, () => {
    let f: OrdersFixture;
    before(async () => {
      f = await createOrdersFixture(kind, { styles: 1 });
    });
    after(async () => {
      await f.sandbox.control.clearFaults();
      await f.close();
    });

    test('an invoice answer with a re-typed figure: a drift event, the invoice held, made once AJIO answers in full', async () => {
      const [a] = f.variants;
      const po = await f.raisePo([{ sku: a.sellerSku, quantity: 1 }]);
      await f.run('orders');
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
      const pack = (action: string, body: unknown) =>
        f.t.call('POST', `/api/orders/${id}/pack/${action}`, { as: 'operator', body });
      const picklist = await f.t.call('POST', '/api/picklists', {
        as: 'operator',
        body: { warehouse: 'MUM1', channel: f.code },
      });
      assert.equal(picklist.statusCode, 201, picklist.body);
      assert.equal((await pack('box', { box: 'LPN-0001' })).statusCode, 200);
      await pack('scan', { code: a.sellerSku });
      await pack('close-box', { weightGrams: 500 });
      await f.sandbox.control.changeFields({
        route: 'POST /orders/b2bInvoice',
        path: 'invoice_value',
        action: 'retype',
        value: 'abc',
        count: -1,
      });
      const finished = await pack('finish', {});
      assert.equal(finished.statusCode, 200, finished.body);
      assert.match(
        JSON.stringify(finished.json().documentsPending),
        /Contract drift: AJIO's answer to POST \/orders\/b2bInvoice .*invoice_value/,
      );
      assert.equal(
        await f.count('select count(*)::int as n from invoices where order_id = $1', [id]),
        0,
        'no invoice recorded from an answer Weft cannot read',
      );
      const events = (await f.t.call('GET', `/api/channels/${f.code}/contract-drift`, { as: 'viewer' }))
        .json()
        .items.filter((e: DriftRow) => e.call === 'POST /orders/b2bInvoice');
      assert.deepEqual(
        events.map((e: DriftRow) => [e.field, e.got]),
        [['invoice_value', 'a string "abc"']],
      );
      await f.sandbox.control.clearFaults();
      const again = await f.t.call('POST', `/api/orders/${id}/documents`, { as: 'operator', body: {} });
      assert.equal(again.statusCode, 200, again.body);
      assert.ok(again.json().invoice.invoiceNumber);
      const invoices = (await f.sandbox.control.received(ordersSeller.username, 'invoices')).items;
      assert.equal(invoices.filter((i: { po_number: string }) => i.po_number === po.po_number).length, 1);
    });
  });
}
