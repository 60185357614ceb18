import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { havePdfTools, pdfText } from '../helpers/pdf.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { fetchPendingMarketplaceInvoices } from '../../src/core/fulfilment/marketplace-invoice.ts';

/**
 * AJIO's own invoice PDF: after the pack it is fetched from the invoice answer's invoice_url and kept
 * as a 'marketplace-invoice' document beside Weft's; when the fetch fails the pack still finishes, the
 * invoice is flagged with the reason, and the retry path stores it once AJIO serves it again.
 */
for (const kind of databaseKinds) {
  describe(`AJIO's invoice PDF stored with the invoice (${kind})`, () => {
    let f: OrdersFixture;
    before(async () => {
      f = await createOrdersFixture(kind);
    });
    after(async () => {
      await f.close();
    });

    const pack = (id: number, action: string, body: unknown) =>
      f.t.call('POST', `/api/orders/${id}/pack/${action}`, { as: 'operator', body });

    /** A pulled PO of one unit, packed in one box; answers the order id and the pack's result. */
    async function packOne(variant: number, box: string) {
      const v = f.variants[variant];
      const po = await f.raisePo([{ sku: v.sellerSku, quantity: 1 }]);
      await f.run('orders');
      const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
      assert.equal((await pack(id, 'box', { box })).statusCode, 200);
      assert.equal((await pack(id, 'scan', { code: v.sellerSku })).statusCode, 200);
      assert.equal((await pack(id, 'close-box', { weightGrams: 500 })).statusCode, 200);
      const finished = await pack(id, 'finish', {});
      assert.equal(finished.statusCode, 200, finished.body);
      return { id, result: finished.json() };
    }

    const pdfOf = async (documentId: number) =>
      (
        await f.t.app.inject({
          method: 'GET',
          url: `/api/documents/${documentId}`,
          headers: { authorization: `Bearer ${f.t.tokens.viewer}` },
        })
      ).rawPayload;

    test("after the pack, AJIO's PDF is stored and reprintable; pdftotext finds the invoice number", async () => {
      const { id, result } = await packOne(0, 'LPN-1001');
      const number = result.documents.invoice.invoiceNumber as string;
      assert.equal(result.documents.invoice.marketplacePdfStatus, 'pending', 'issued with an address to fetch');
      const state = (await f.t.call('GET', `/api/orders/${id}/marketplace-invoice`, { as: 'viewer' })).json();
      assert.equal(state.status, 'stored', JSON.stringify(state));
      assert.equal(state.invoiceNumber, number);
      assert.equal(state.error, null);
      const docs = (await f.t.call('GET', `/api/documents?orderId=${id}`, { as: 'viewer' })).json().items;
      const mine = docs.find((d: { kind: string }) => d.kind === 'marketplace-invoice');
      assert.ok(mine, JSON.stringify(docs.map((d: { kind: string }) => d.kind)));
      assert.equal(mine.id, state.documentId);
      assert.equal(mine.source, 'marketplace');
      assert.equal(mine.reference, number);
      assert.ok(
        docs.some((d: { kind: string }) => d.kind === 'invoice'),
        "Weft's own invoice is kept beside it",
      );
      const pdf = await pdfOf(mine.id);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      if (havePdfTools) assert.ok(pdfText(pdf).includes(number), 'the PDF carries the invoice number');
      // Asked again, nothing is stored twice.
      const again = await f.t.call('POST', `/api/orders/${id}/marketplace-invoice/fetch`, { as: 'operator' });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().documentId, mine.id);
    });

    test('a failing fetch leaves the invoice flagged and never blocks the pack; a retry stores it', async () => {
      await f.sandbox.control.injectFaults({ route: 'GET /documents/invoices/*', type: '500', count: -1 });
      const { id, result } = await packOne(1, 'LPN-1002');
      assert.equal(result.documentsPending, null, 'the pack finished with its invoice and labels');
      const number = result.documents.invoice.invoiceNumber as string;
      const flagged = (await f.t.call('GET', `/api/orders/${id}/marketplace-invoice`, { as: 'viewer' })).json();
      assert.equal(flagged.status, 'failed');
      assert.equal(flagged.documentId, null);
      assert.match(flagged.error, new RegExp(`PDF of invoice ${number} could not be fetched or stored: .*500`));
      assert.match(flagged.error, /tries again every few minutes/);
      const order = (await f.t.call('GET', `/api/orders/${id}`, { as: 'viewer' })).json();
      assert.ok(
        order.events.some((e: { note: string }) => e.note?.includes(`PDF of invoice ${number} could not be fetched`)),
        'the timeline says so',
      );
      const deps = { database: f.t.database, secrets: f.t.secrets, lookup: channelDescriptor };
      // Within the back-off nothing is tried; still failing after it, it stays flagged.
      assert.deepEqual(await fetchPendingMarketplaceInvoices(deps, { limit: 10, actor: 'test' }), {
        stored: 0,
        failed: 0,
      });
      const later = new Date(Date.now() + 60 * 60_000);
      assert.deepEqual(await fetchPendingMarketplaceInvoices(deps, { limit: 10, actor: 'test', now: later }), {
        stored: 0,
        failed: 1,
      });
      await f.sandbox.control.clearFaults();
      const retried = await fetchPendingMarketplaceInvoices(deps, {
        limit: 10,
        actor: 'test',
        now: new Date(Date.now() + 3 * 60 * 60_000),
      });
      assert.deepEqual(retried, { stored: 1, failed: 0 });
      const state = (await f.t.call('GET', `/api/orders/${id}/marketplace-invoice`, { as: 'viewer' })).json();
      assert.equal(state.status, 'stored');
      assert.equal(state.error, null);
      if (havePdfTools) assert.ok(pdfText(await pdfOf(state.documentId)).includes(number));
    });

    test('"fetch again" from the order page is for operators, and names what is missing', async () => {
      const refused = await f.t.call('POST', '/api/orders/999999/marketplace-invoice/fetch', { as: 'viewer' });
      assert.equal(refused.statusCode, 403);
      const none = await f.t.call('POST', '/api/orders/999999/marketplace-invoice/fetch', { as: 'operator' });
      assert.equal(none.statusCode, 409);
      assert.match(none.json().error.message, /has no invoice yet/);
    });
  });
}
