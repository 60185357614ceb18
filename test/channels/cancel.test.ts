import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';

for (const kind of databaseKinds) {
  describe(`AJIO JIT order cancellation (${kind})`, () => {
    let f: OrdersFixture;
    const ids: Record<string, number> = {};
    const po: Record<string, string> = {};
    /** Units allocated to open orders for a SKU, as the inventory figure derives them. */
    const allocated = (skuCode: string) =>
      f.count(
        `select coalesce(sum(l.quantity - l.cancelled_qty - l.short_picked_qty - l.shipped_qty), 0)::int as n from order_lines l
       join orders o on o.id = l.order_id join skus s on s.id = l.sku_id
       where s.code = $1 and o.status in ('open', 'picking', 'packed', 'ready_to_ship')`,
        [skuCode],
      );
    const order = async (name: string) => (await f.t.call('GET', `/api/orders/${ids[name]}`)).json();
    const cancel = (name: string, body: unknown, as: 'operator' | 'viewer' = 'operator') =>
      f.t.call('POST', `/api/orders/${ids[name]}/cancel`, { as, body });
    const received = async () => (await f.sandbox.control.received(ordersSeller.username, 'cancellations')).items;

    before(async () => {
      f = await createOrdersFixture(kind, { styles: 3 });
      const v = f.variants;
      po.full = (
        await f.raisePo([
          { sku: v[0].sku, quantity: 2 },
          { sku: v[1].sku, quantity: 1 },
        ])
      ).po_number;
      po.partial = (
        await f.raisePo([
          { sku: v[2].sku, quantity: 3 },
          { sku: v[3].sku, quantity: 1 },
        ])
      ).po_number;
      po.timeout = (await f.raisePo([{ sku: v[4].sku, quantity: 3 }])).po_number;
      po.invoiced = (await f.raisePo([{ sku: v[5].sku, quantity: 1 }])).po_number;
      po.ajioInvoiced = (await f.raisePo([{ sku: v[6].sku, quantity: 1 }])).po_number;
      const run = await f.run('orders');
      assert.equal(run.created, 5);
      for (const [name, number] of Object.entries(po))
        ids[name] = (await f.t.call('GET', `/api/orders?q=${number}`)).json().items[0].id;
    });
    after(async () => f.close());

    test('a full cancellation reaches AJIO, releases the allocation and cancels the order', async () => {
      const lines = (await order('full')).lines;
      assert.equal(await allocated(f.variants[0].sellerSku), 2);
      const response = await cancel('full', {
        reason: 'Out of stock',
        lines: lines.map((l: any) => ({ lineId: l.id, quantity: l.remaining })),
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().order.status, 'cancelled');
      assert.ok(response.json().lines.every((l: any) => l.cancelled));
      assert.equal(await allocated(f.variants[0].sellerSku), 0);
      const sent = (await received()).filter((r: any) => r.po_number === po.full);
      assert.equal(sent.length, 1);
      assert.equal(sent[0].reason, 'Out of stock');
      assert.equal((await f.ajioPo(po.full)).status, 'CANCELLED');
      assert.match(
        (await order('full')).events.at(-1).note,
        /Cancelled by the seller at AJIO JIT.*Reason: Out of stock/,
      );
    });

    test('a partial cancellation cancels only the units asked for; repeating it sends nothing again', async () => {
      const line = (await order('partial')).lines.find((l: any) => l.quantity === 3);
      const body = { reason: 'Damaged in storage', lines: [{ externalLineId: line.externalLineId, quantity: 1 }] };
      const first = await cancel('partial', body);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().order.status, 'open');
      assert.equal(first.json().order.lines.find((l: any) => l.id === line.id).cancelledQty, 1);
      assert.equal(await allocated(f.variants[2].sellerSku), 2);
      const ajio = (await f.ajioPo(po.partial)).order_lines.find((l: any) => l.order_item_id === line.externalLineId);
      assert.equal(ajio.seller_cancelled_qty, 1);
      const again = await cancel('partial', body);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().repeated, true);
      assert.equal((await received()).filter((r: any) => r.po_number === po.partial).length, 1);
      assert.equal(await allocated(f.variants[2].sellerSku), 2);
      const pulled = await f.run('orders');
      assert.equal(pulled.status, 'succeeded');
      assert.equal(
        (await order('partial')).lines.find((l: any) => l.id === line.id).cancelledQty,
        1,
        'the pull agrees, no double count',
      );
    });

    test('a timeout is read back: a cancel that landed is not sent twice, one that did not is sent on retry', async () => {
      const line = (await order('timeout')).lines[0];
      const body = { reason: 'Quality check failed', lines: [{ lineId: line.id, quantity: 1 }] };
      await f.sandbox.control.injectFaults({
        route: 'POST /orders/cancel',
        type: 'timeout',
        holdMs: 100,
        processed: true,
      });
      const landed = await cancel('timeout', body);
      assert.equal(landed.statusCode, 200, landed.body);
      assert.equal((await f.ajioPo(po.timeout)).order_lines[0].seller_cancelled_qty, 1, 'cancelled once at AJIO');
      assert.equal((await order('timeout')).lines[0].cancelledQty, 1);

      await f.sandbox.control.injectFaults({ route: 'POST /orders/cancel', type: 'timeout', holdMs: 100 });
      const body2 = { reason: 'Quality check failed', lines: [{ lineId: line.id, quantity: 2 }] };
      const lost = await cancel('timeout', body2);
      assert.equal(lost.statusCode, 503);
      assert.match(lost.json().error.message, /nothing was cancelled: try again/);
      assert.equal((await f.ajioPo(po.timeout)).order_lines[0].seller_cancelled_qty, 1);
      const retried = await cancel('timeout', body2);
      assert.equal(retried.statusCode, 200, retried.body);
      assert.equal((await f.ajioPo(po.timeout)).order_lines[0].seller_cancelled_qty, 3);
      assert.equal(retried.json().order.status, 'cancelled');
    });

    test('refused once invoiced, with a clear message — by Weft, and per line by AJIO', async () => {
      await f.t.database.query(`update orders set status = 'packed' where id = $1`, [ids.invoiced]);
      const line = (await order('invoiced')).lines[0];
      const refused = await cancel('invoiced', { reason: 'Too late', lines: [{ lineId: line.id, quantity: 1 }] });
      assert.equal(refused.statusCode, 409);
      assert.equal(
        refused.json().error.message,
        `PO ${po.invoiced} is already invoiced (it is packed): AJIO JIT (B2B) does not allow cancelling after the invoice.`,
      );
      assert.equal((await received()).filter((r: any) => r.po_number === po.invoiced).length, 0);

      // Invoiced at AJIO before Weft knew: AJIO refuses the line, and the order is left as it was.
      const token = await f.sandbox.login(ordersSeller.username, ordersSeller.password);
      const ajioLine = (await f.ajioPo(po.ajioInvoiced)).order_lines[0];
      const invoice = await fetch(`${f.sandbox.url}/orders/b2bInvoice`, {
        method: 'POST',
        headers: { apiKey: token, 'content-type': 'application/json' },
        body: JSON.stringify({
          po_number: po.ajioInvoiced,
          boxes: [
            { box_id: 'BOX1', weight_grams: 400, lines: [{ order_item_id: ajioLine.order_item_id, quantity: 1 }] },
          ],
        }),
      });
      assert.equal(invoice.status, 200);
      const atAjio = await cancel('ajioInvoiced', {
        reason: 'Too late',
        lines: [{ externalLineId: ajioLine.order_item_id, quantity: 1 }],
      });
      assert.equal(atAjio.statusCode, 409);
      assert.match(
        atAjio.json().error.message,
        new RegExp(`line ${ajioLine.order_item_id}: CANCELLATION_NOT_ALLOWED: invoice .* already generated`),
      );
      assert.equal(atAjio.json().error.details[0].error.startsWith('CANCELLATION_NOT_ALLOWED'), true);
      assert.equal((await order('ajioInvoiced')).lines[0].cancelledQty, 0);
    });

    test('requests are checked before anything is sent', async () => {
      const line = (await order('partial')).lines.find((l: any) => l.quantity === 1);
      const tooMany = await cancel('partial', { reason: 'x', lines: [{ lineId: line.id, quantity: 2 }] });
      assert.equal(tooMany.statusCode, 400);
      assert.match(tooMany.json().error.message, /has 1 unit left to cancel, not 2/);
      const unknown = await cancel('partial', { reason: 'x', lines: [{ externalLineId: 'NOPE-1', quantity: 1 }] });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.message, /has no line NOPE-1/);
      const noReason = await cancel('partial', { reason: ' ', lines: [{ lineId: line.id, quantity: 1 }] });
      assert.equal(noReason.statusCode, 400);
      assert.equal(
        (await cancel('partial', { reason: 'x', lines: [{ lineId: line.id, quantity: 1 }] }, 'viewer')).statusCode,
        403,
      );
      const cancelledAlready = await cancel('full', {
        reason: 'again',
        lines: [{ lineId: (await order('full')).lines[0].id, quantity: 1 }],
      });
      assert.equal(cancelledAlready.statusCode, 409);
      assert.match(cancelledAlready.json().error.message, /is already cancelled/);
    });
  });
}
