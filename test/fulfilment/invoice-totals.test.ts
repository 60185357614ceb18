import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { assertInvoicesMatchAjio } from '../helpers/invoice-agreement.ts';
import { defaultB2bBasePaise } from '../../src/sandbox/ajio/catalog.ts';

/**
 * Weft's invoice and AJIO's record of the same invoice number agree to the paisa (issue 11, build 5):
 * an intra-State PO whose lines have an odd number of paise of tax (AJIO rounds the line's tax and
 * splits it, where d4's per-component rounding would add a paisa per line), for a seller whose
 * invoices AJIO rounds to whole rupees — Weft prints the same round-off as its own line.
 */
for (const kind of databaseKinds) {
  describe(`invoice totals agree with AJIO's record (${kind})`, () => {
    let f: OrdersFixture;
    before(async () => {
      f = await createOrdersFixture(kind, { styles: 6, invoiceRoundOff: true });
    });
    after(async () => f.close());

    /** A PO for AJIO's Bhiwandi FC (Maharashtra, the seller's state: CGST + SGST), pulled into Weft. */
    async function intraStatePo(lines: { sku: string; quantity: number }[]) {
      await f.sandbox.control.placeCustomerOrders(ordersSeller.username, [{ warehouse: 'BHW1', lines }]);
      const [po] = await f.sandbox.control.raisePurchaseOrders(ordersSeller.username);
      await f.run('orders');
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
      return { poNumber: po.po_number as string, id };
    }
    async function packAll(id: number, box: string) {
      const pack = (action: string, body: unknown) =>
        f.t.call('POST', `/api/orders/${id}/pack/${action}`, { as: 'operator', body });
      const order = (await f.t.call('GET', `/api/orders/${id}`)).json();
      await pack('box', { box });
      for (const line of order.lines) {
        const sellerSku = f.variants.find((v) => v.sku === line.channelSku)!.sellerSku;
        for (let i = 0; i < line.quantity; i++) assert.equal((await pack('scan', { code: sellerSku })).statusCode, 200);
      }
      await pack('close-box', { weightGrams: 900 });
      return (await pack('finish', {})).json();
    }
    /** AJIO's transfer price of a variant is an odd number of rupees: at 5% its tax is an odd number of paise. */
    const oddBase = (v: { listingPrice: number }) =>
      (defaultB2bBasePaise(Math.round(v.listingPrice * 100)) / 100) % 2 === 1;
    /** Lines whose whole tax is an odd number of paise: there the two roundings part. */
    const oddTaxLines = (ajioPo: any) =>
      ajioPo.order_lines.filter((l: any) => Math.round((l.tax_summary.cgst + l.tax_summary.sgst) * 100) % 2 === 1);

    test('rounded by AJIO and by Weft: the same line taxes, round-off and invoice value, in the PDF data and the e-invoice', async () => {
      const patched = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { orders: { invoiceRoundOff: true } } },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const odd = f.variants.filter(oddBase).slice(0, 3);
      assert.ok(odd.length >= 2, 'the catalogue has odd-rupee transfer prices');
      const { poNumber, id } = await intraStatePo(odd.map((v) => ({ sku: v.sku, quantity: 1 })));
      const ajioPo = await f.ajioPo(poNumber);
      assert.ok(
        ajioPo.order_lines.every((l: any) => l.tax_summary.igst === 0),
        'intra-State',
      );
      assert.ok(oddTaxLines(ajioPo).length >= 1, 'a line where the roundings part');
      const finished = await packAll(id, 'LPN-RO-1');
      assert.equal(finished.documentsPending, null, JSON.stringify(finished.documentsPending));
      const record = (await f.sandbox.control.received(ordersSeller.username, 'invoices')).items.find(
        (i: { po_number: string }) => i.po_number === poNumber,
      );
      assert.equal(Math.round(record.invoice_value * 100) % 100, 0, "AJIO's invoice value is whole rupees");
      assert.equal(await assertInvoicesMatchAjio(f.t, f.sandbox, ordersSeller.username, [poNumber]), 1);
      const timeline = (await f.t.call('GET', `/api/orders/${id}`))
        .json()
        .events.map((e: { note: string }) => e.note)
        .join('\n');
      assert.doesNotMatch(timeline, /differs from/);
    });

    test("when Weft's round-off setting does not match what AJIO does, the difference goes on the order's timeline", async () => {
      await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { orders: { invoiceRoundOff: false } } },
      });
      const v = f.variants.filter(oddBase)[3];
      assert.ok(v, 'a fourth odd-rupee variant');
      const { poNumber, id } = await intraStatePo([{ sku: v.sku, quantity: 1 }]);
      const finished = await packAll(id, 'LPN-RO-2');
      assert.ok(finished.documents.invoice.invoiceNumber);
      const record = (await f.sandbox.control.received(ordersSeller.username, 'invoices')).items.find(
        (i: { po_number: string }) => i.po_number === poNumber,
      );
      assert.notEqual(Math.round(record.round_off * 100), 0, 'AJIO rounded this invoice');
      const timeline = (await f.t.call('GET', `/api/orders/${id}`))
        .json()
        .events.map((e: { note: string }) => e.note)
        .join('\n');
      assert.match(
        timeline,
        new RegExp(
          `Weft's invoice ${finished.documents.invoice.invoiceNumber} differs from AJIO JIT \\(B2B\\)'s record of it: invoice value`,
        ),
      );
      await assert.rejects(
        assertInvoicesMatchAjio(f.t, f.sandbox, ordersSeller.username, [poNumber]),
        /equal AJIO's record/,
      );
    });
  });
}
