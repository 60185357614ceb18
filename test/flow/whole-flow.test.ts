import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createChannelFixture, seller, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { havePdfTools, pdfBarcodes, pdfText } from '../helpers/pdf.ts';
import { assertInvoicesMatchAjio } from '../helpers/invoice-agreement.ts';
import { startIrpSandbox, type IrpSandbox } from '../../src/sandbox/irp/testing.ts';

/**
 * The whole AJIO JIT flow against the sandbox, through the API, as one story: SKU pull and mapping,
 * stock, back orders, purchase orders, inventory push, picklist with prefetch, packing by scans,
 * invoice with and without e-invoicing, labels, manifest and dispatch, return pull and inbound —
 * with the documents read as a person would.
 */
for (const kind of databaseKinds) {
  describe(`the whole flow (${kind})`, () => {
    let f: ChannelFixture;
    let irp: IrpSandbox;
    const skus: { code: string; ean: string; ajio: string }[] = [];
    const call = async (method: string, url: string, body?: unknown, as: 'admin' | 'operator' = 'operator') => {
      const response = await f.t.call(method, url, { as, body });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    const pdf = async (id: number) =>
      (
        await f.t.app.inject({
          method: 'GET',
          url: `/api/documents/${id}`,
          headers: { authorization: `Bearer ${f.t.tokens.viewer}` },
        })
      ).rawPayload;
    const ajioFigure = async (sku: string) =>
      (await f.sandbox.control.received(seller.username, 'inventory')).items.find((i: { sku: string }) => i.sku === sku)
        ?.inventory;

    before(async () => {
      f = await createChannelFixture(kind, { styles: 1, master: (code, ean) => ({ code, ean }) });
      irp = await startIrpSandbox({ gstin: '27AAACR5055K1Z7' });
      for (const v of f.catalog[0].variants.slice(0, 2)) skus.push({ code: v.sellerSku, ean: v.ean, ajio: v.sku });
      await call('PATCH', '/api/warehouses/MUM1', { address: 'Plot 4, Bhiwandi', city: 'Thane' }, 'admin');
    });
    after(async () => {
      await irp.close();
      await f.close();
    });

    test('from the catalogue to a received return', async () => {
      // Catalogue: every listing links to the SKU master by seller SKU.
      assert.equal((await f.run('skus')).status, 'succeeded');
      assert.equal((await call('GET', `/api/channels/${f.code}/listings?mapped=false`)).items.length, 0);
      for (const s of skus)
        await call('POST', '/api/inventory/movements', {
          warehouse: 'MUM1',
          sku: s.code,
          kind: 'inbound',
          quantity: 10,
          reason: 'GRN 1',
        });

      // Customers order on ajio.com: pendency reserves stock; AJIO raises a PO; the pull allocates it.
      await f.sandbox.control.placeCustomerOrders(seller.username, [
        {
          lines: [
            { sku: skus[0].code, quantity: 2 },
            { sku: skus[1].code, quantity: 1 },
          ],
        },
      ]);
      await f.run('backorders');
      assert.equal((await call('GET', `/api/channels/${f.code}/backorders?status=open`)).items.length, 2);
      const [po1] = await f.sandbox.control.raisePurchaseOrders(seller.username);
      assert.equal((await f.run('orders')).status, 'succeeded');
      assert.equal((await call('GET', `/api/channels/${f.code}/backorders?status=converted`)).items.length, 2);
      await f.run('inventory');
      assert.equal(await ajioFigure(skus[0].ajio), 8, '10 on hand − 2 allocated to the PO');
      const explained = await call('GET', `/api/channels/${f.code}/inventory/${skus[0].code}`);
      assert.equal(explained.sum, 8);
      assert.deepEqual(
        explained.lines.map((l: { kind: string; quantity: number }) => [l.kind, l.quantity]),
        [
          ['on_hand', 10],
          ['allocated', -2],
        ],
      );

      // Picklist with prefetch, then packing by scans into the prefetched box.
      await call('PATCH', `/api/channels/${f.code}`, { settings: { orders: { prepack: true } } }, 'admin');
      const picklist = await call('POST', '/api/picklists', { warehouse: 'MUM1' });
      const prefetched = await call('POST', `/api/picklists/${picklist.code}/prefetch`);
      const plan = prefetched.orders[0];
      assert.ok(plan.invoiceNumber, JSON.stringify(plan));
      const order1 = (await call('GET', `/api/orders?q=${po1.po_number}`)).items[0];
      await call('POST', `/api/orders/${order1.id}/pack/box`, { box: plan.boxCode });
      await call('POST', `/api/orders/${order1.id}/pack/scan`, { code: skus[0].code });
      await call('POST', `/api/orders/${order1.id}/pack/scan`, { code: skus[0].ean });
      await call('POST', `/api/orders/${order1.id}/pack/scan`, { code: skus[1].code });
      await call('POST', `/api/orders/${order1.id}/pack/close-box`, { weightGrams: 800 });
      const packed1 = await call('POST', `/api/orders/${order1.id}/pack/finish`, {});
      assert.equal(packed1.documents.invoice.invoiceNumber, plan.invoiceNumber, 'the prefetched invoice stands');
      assert.equal(packed1.documents.invoice.einvoiceStatus, 'not_required');

      // A second PO with e-invoicing on: IRN and signed QR from the IRP.
      await call(
        'PATCH',
        `/api/channels/${f.code}`,
        {
          settings: {
            orders: { prepack: false },
            einvoice: { irpBaseUrl: irp.url, clientId: irp.clientId, publicKeyPem: irp.publicKeyPem },
          },
          interface: {
            einvoicing: {
              enabled: true,
              username: irp.userName,
              password: irp.password,
              clientSecret: irp.clientSecret,
            },
          },
        },
        'admin',
      );
      await f.sandbox.control.placeCustomerOrders(seller.username, [{ lines: [{ sku: skus[1].code, quantity: 1 }] }]);
      const [po2] = await f.sandbox.control.raisePurchaseOrders(seller.username);
      await f.run('orders');
      const order2 = (await call('GET', `/api/orders?q=${po2.po_number}`)).items[0];
      await call('POST', `/api/orders/${order2.id}/pack/box`, { box: 'LPN-7001' });
      await call('POST', `/api/orders/${order2.id}/pack/scan`, { code: skus[1].code });
      await call('POST', `/api/orders/${order2.id}/pack/close-box`, { weightGrams: 300 });
      const packed2 = await call('POST', `/api/orders/${order2.id}/pack/finish`, {});
      assert.equal(packed2.documents.invoice.einvoiceStatus, 'sent');
      assert.equal(irp.control.irnCount(), 1);

      // Manifest and dispatch: both POs go out; stock leaves the building.
      const [manifest] = (await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' })).items;
      const dispatched = await call('POST', `/api/manifests/${manifest.code}/dispatch`);
      assert.equal(dispatched.status, 'dispatched', JSON.stringify(dispatched));
      for (const id of [order1.id, order2.id]) assert.equal((await call('GET', `/api/orders/${id}`)).status, 'shipped');
      const level = await call('GET', `/api/inventory/levels/MUM1/${skus[1].code}`);
      assert.equal(level.onHand, 8, '10 − 1 − 1 shipped');

      // A return of one unit comes back through the return pull and is received by scanning.
      await call('PATCH', `/api/channels/${f.code}`, { settings: { orders: { returnOrderSync: true } } }, 'admin');
      await f.sandbox.control.createReturns(seller.username, [
        { po_number: po1.po_number, sku: skus[0].ajio, quantity: 1, reason: 'size issue' },
      ]);
      await f.run('returns');
      const [returned] = (await call('GET', `/api/returns?channel=${f.code}`)).items;
      assert.equal(returned.status, 'confirmed');
      await call('POST', `/api/returns/${returned.id}/receive`);
      await call('POST', `/api/returns/${returned.id}/qc`, { code: skus[0].ean, result: 'good' });
      await call('POST', `/api/returns/${returned.id}/close`);
      await f.run('inventory');
      assert.equal(await ajioFigure(skus[0].ajio), 9, '10 − 2 shipped + 1 good return');
      // Every invoice of the story, as Weft printed it and as the e-invoice says, equals AJIO's record of that number.
      assert.equal(await assertInvoicesMatchAjio(f.t, f.sandbox, seller.username), 2);

      if (!havePdfTools) return;
      const docs = (await call('GET', `/api/documents?orderId=${order2.id}`)).items as { id: number; kind: string }[];
      const invoicePdf = await pdf(docs.find((d) => d.kind === 'invoice')!.id);
      const text = pdfText(invoicePdf);
      assert.ok(text.includes(packed2.documents.invoice.irn), 'the IRN is printed on the invoice');
      assert.ok(text.includes(po2.po_number));
      assert.ok(pdfBarcodes(invoicePdf, 300).includes(packed2.documents.invoice.signedQr), 'the QR is the signed QR');
      const labels = pdfBarcodes(await pdf(docs.find((d) => d.kind === 'box-labels')!.id));
      assert.ok(labels.includes('LPN-7001') && labels.includes(packed2.documents.shipment.masterAwb));
      const manifestDocs = (await call('GET', `/api/documents?reference=${manifest.code}&kind=manifest`)).items;
      const manifestCodes = pdfBarcodes(await pdf(manifestDocs[0].id));
      for (const awb of [packed1.documents.shipment.masterAwb, packed2.documents.shipment.masterAwb])
        assert.ok(manifestCodes.includes(awb), `manifest barcode ${awb}`);
    });
  });
}
