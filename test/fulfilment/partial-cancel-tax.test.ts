import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { assertInvoicesMatchAjio } from '../helpers/invoice-agreement.ts';

/**
 * A PO with a partial seller cancellation (issue 11, finding 4): AJIO then taxes only the units left,
 * and Weft's lines must carry that tax — refreshed by the order pull and read back before invoicing —
 * so prefetch and the invoice after packing go through without acceptTaxDifference.
 */
for (const kind of databaseKinds) {
  describe(`tax after a partial cancellation, against the sandbox (${kind})`, () => {
    let f: OrdersFixture;
    before(async () => {
      f = await createOrdersFixture(kind, { styles: 4 });
    });
    after(async () => f.close());

    async function pulledOrder(lines: { sku: string; quantity: number }[]) {
      const po = await f.raisePo(lines);
      await f.run('orders');
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
      return { po, id };
    }
    const pack = (id: number, action: string, body: unknown) =>
      f.t.call('POST', `/api/orders/${id}/pack/${action}`, { as: 'operator', body });
    const lineRow = async (id: number, externalLineId: string) =>
      (
        await f.t.database.query<{ tax: Record<string, number>; cancelled_qty: number }>(
          'select tax, cancelled_qty from order_lines where order_id = $1 and external_line_id = $2',
          [id, externalLineId],
        )
      ).rows[0];
    const ajioLine = async (poNumber: string, itemId: string) =>
      (await f.ajioPo(poNumber)).order_lines.find((l: any) => l.order_item_id === itemId);
    const paise = (rupees: number) => Math.round(rupees * 100);

    test('a fresh order pull brings the tax of the units left; finishing the pack invoices without acceptTaxDifference', async () => {
      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { prepack: false } } } });
      const [a, b] = f.variants;
      const { po, id } = await pulledOrder([
        { sku: a.sellerSku, quantity: 2 },
        { sku: b.sellerSku, quantity: 1 },
      ]);
      const line = (await f.t.call('GET', `/api/orders/${id}`)).json().lines.find((l: any) => l.quantity === 2);
      const before = await lineRow(id, line.externalLineId);
      const cancelled = await f.t.call('POST', `/api/orders/${id}/cancel`, {
        as: 'operator',
        body: { reason: 'One damaged', lines: [{ lineId: line.id, quantity: 1 }] },
      });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      const ajio = await ajioLine(po.po_number, line.externalLineId);
      assert.equal(ajio.seller_cancelled_qty, 1);
      assert.ok(
        paise(ajio.tax_summary.cgst) + paise(ajio.tax_summary.igst) < before.tax.cgstPaise + before.tax.igstPaise,
        'AJIO now taxes one unit',
      );

      const pulled = await f.run('orders');
      assert.equal(pulled.status, 'succeeded');
      const after = await lineRow(id, line.externalLineId);
      assert.equal(after.cancelled_qty, 1);
      assert.equal(after.tax.cgstPaise, paise(ajio.tax_summary.cgst), "the pull refreshed the line's CGST to AJIO's");
      assert.equal(after.tax.igstPaise, paise(ajio.tax_summary.igst));
      const timeline = (await f.t.call('GET', `/api/orders/${id}`))
        .json()
        .events.map((e: { note: string }) => e.note)
        .join('\n');
      assert.match(timeline, new RegExp(`line ${line.externalLineId} tax .* → `));

      await pack(id, 'box', { box: 'LPN-PC-1' });
      await pack(id, 'scan', { code: a.sellerSku });
      await pack(id, 'scan', { code: b.sellerSku });
      await pack(id, 'close-box', { weightGrams: 600 });
      const finished = (await pack(id, 'finish', {})).json();
      assert.equal(finished.documentsPending, null, JSON.stringify(finished.documentsPending));
      assert.ok(finished.documents.invoice.invoiceNumber);
      await assertInvoicesMatchAjio(f.t, f.sandbox, ordersSeller.username, [po.po_number]);
    });

    test('a cancellation Weft has not pulled yet is read back before invoicing', async () => {
      const [, , c] = f.variants;
      const { po, id } = await pulledOrder([{ sku: c.sellerSku, quantity: 3 }]);
      const line = (await f.t.call('GET', `/api/orders/${id}`)).json().lines[0];
      // Cancelled straight at AJIO (its portal): Weft's lines still say three units and their tax.
      const token = await f.sandbox.login(ordersSeller.username, ordersSeller.password);
      const res = await fetch(`${f.sandbox.url}/orders/cancel`, {
        method: 'POST',
        headers: { apiKey: token, 'content-type': 'application/json' },
        body: JSON.stringify({
          po_number: po.po_number,
          reason: 'portal',
          order_lines: [{ order_item_id: line.externalLineId, cancelled_quantity: 1 }],
        }),
      });
      assert.equal(res.status, 200);
      await pack(id, 'box', { box: 'LPN-PC-2' });
      await pack(id, 'scan', { code: c.sellerSku });
      await pack(id, 'scan', { code: c.sellerSku });
      await pack(id, 'close-box', { weightGrams: 600 });
      const finished = (await pack(id, 'finish', {})).json();
      assert.equal(finished.documentsPending, null, JSON.stringify(finished.documentsPending));
      const row = await lineRow(id, line.externalLineId);
      assert.equal(row.cancelled_qty, 1, 'read back: one unit cancelled at AJIO');
      const ajio = await ajioLine(po.po_number, line.externalLineId);
      assert.equal(row.tax.cgstPaise + row.tax.igstPaise, paise(ajio.tax_summary.cgst) + paise(ajio.tax_summary.igst));
      const timeline = (await f.t.call('GET', `/api/orders/${id}`))
        .json()
        .events.map((e: { note: string }) => e.note)
        .join('\n');
      assert.match(timeline, /Read back from AJIO JIT \(B2B\) before invoicing: line .* cancelled 0 → 1/);
      await assertInvoicesMatchAjio(f.t, f.sandbox, ordersSeller.username, [po.po_number]);
    });

    test('prefetch after a partial cancellation plans the units left and is not refused for tax', async () => {
      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { prepack: true } } } });
      const [, , , d, e] = f.variants;
      const { po, id } = await pulledOrder([
        { sku: d.sellerSku, quantity: 2 },
        { sku: e.sellerSku, quantity: 2 },
      ]);
      const line = (await f.t.call('GET', `/api/orders/${id}`)).json().lines[0];
      const cancelled = await f.t.call('POST', `/api/orders/${id}/cancel`, {
        as: 'operator',
        body: { reason: 'Short', lines: [{ lineId: line.id, quantity: 1 }] },
      });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      const picklist = (
        await f.t.call('POST', '/api/picklists', { as: 'operator', body: { warehouse: 'MUM1' } })
      ).json();
      const prefetched = await f.t.call('POST', `/api/picklists/${picklist.code}/prefetch`, { as: 'operator' });
      assert.equal(prefetched.statusCode, 200, prefetched.body);
      const outcome = prefetched.json().orders.find((o: { poNumber: string }) => o.poNumber === po.po_number);
      assert.equal(outcome.error, undefined, outcome.error);
      assert.ok(outcome.invoiceNumber);
      const record = (await f.sandbox.control.received(ordersSeller.username, 'invoices')).items.find(
        (i: { po_number: string }) => i.po_number === po.po_number,
      );
      assert.deepEqual(
        record.boxes[0].lines.map((l: { quantity: number }) => l.quantity).sort(),
        [1, 2],
        'the plan holds the units left',
      );
      await assertInvoicesMatchAjio(f.t, f.sandbox, ordersSeller.username, [po.po_number]);
    });
  });
}
