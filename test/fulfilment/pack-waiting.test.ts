import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';

/**
 * GET /api/pack/waiting, the pack station's "waiting for documents" shelf: a PO packed while AJIO
 * cannot issue its invoice is listed (not invoiced, not labelled) until its documents are made.
 */
for (const kind of databaseKinds) {
  describe(`the waiting-for-documents shelf (${kind})`, () => {
    let f: OrdersFixture;
    before(async () => {
      f = await createOrdersFixture(kind);
    });
    after(() => f.close());

    test('a PO packed during an invoice failure waits on the shelf until its documents are made', async () => {
      const v = f.variants[0];
      const po = await f.raisePo([{ sku: v.sellerSku, quantity: 1 }]);
      await f.run('orders');
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
      const pack = (action: string, body: unknown) =>
        f.t.call('POST', `/api/orders/${id}/pack/${action}`, { as: 'operator', body });
      await pack('box', { box: 'LPN-W1' });
      await pack('scan', { code: v.sellerSku });
      await pack('close-box', { weightGrams: 300 });
      const shelf = async () => {
        const res = await f.t.call('GET', '/api/pack/waiting', { as: 'viewer' });
        assert.equal(res.statusCode, 200, res.body);
        return res.json().items as { orderId: number; poNumber: string; invoiced: boolean; labelled: boolean }[];
      };
      assert.deepEqual(await shelf(), [], 'an open PO is not on the shelf');

      await f.sandbox.control.injectFaults({ route: 'POST /orders/b2bInvoice', type: '500', count: -1 });
      const finished = (await pack('finish', {})).json();
      assert.equal(finished.status, 'packed');
      assert.equal(finished.documentsPending.retrying, true);
      assert.deepEqual(
        (await shelf()).map((o) => [o.orderId, o.poNumber, o.invoiced, o.labelled]),
        [[id, po.po_number, false, false]],
      );

      await f.sandbox.control.clearFaults();
      const made = await f.t.call('POST', `/api/orders/${id}/documents`, { as: 'operator', body: {} });
      assert.equal(made.statusCode, 200, made.body);
      assert.deepEqual(await shelf(), [], 'off the shelf once its invoice and labels are made');
    });
  });
}
