import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  signIn,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Credit notes and the GST register in Chromium: an operator closes a received return of a PO Weft packed
 * and invoiced, the page says a credit note was made and lists it with its PDF; the register shows the
 * invoice and the credit note with totals apart, at a laptop's width and at a handheld's.
 */
describe('console: credit notes and the GST register', { skip: skipWithoutChromium }, () => {
  let f: DispatchFixture;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  let returnId: number;
  let invoiceNumber: string;

  before(async () => {
    ensureConsoleBuilt();
    f = await createDispatchFixture('pglite');
    const [a] = f.variants;
    await f.stock(a.sellerSku, 10);
    const settings = await f.t.call('PATCH', `/api/channels/${f.code}`, {
      body: { settings: { orders: { returnOrderSync: true }, returnSyncFrom: '2026-01-01' } },
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const { id, poNumber } = await f.packThroughApi([{ variant: a, quantity: 2 }]);
    const made = await f.t.call('POST', '/api/manifests', {
      as: 'operator',
      body: { channel: f.code, warehouse: 'MUM1' },
    });
    const sent = await f.t.call('POST', `/api/manifests/${made.json().items[0].code}/dispatch`, { as: 'operator' });
    assert.equal(sent.statusCode, 200, sent.body);
    const [ret] = await f.sandbox.control.createReturns(ordersSeller.username, [
      { po_number: poNumber, sku: a.sku, quantity: 2 },
    ]);
    const pulled = await f.run('returns');
    assert.equal(pulled.status, 'succeeded', pulled.error ?? '');
    returnId = (await f.t.call('GET', `/api/returns?q=${poNumber}`))
      .json()
      .items.find((r: { externalId: string }) => r.externalId === ret.return_id).id;
    await f.t.call('POST', `/api/returns/${returnId}/receive`, { as: 'operator' });
    for (const result of ['good', 'bad'])
      await f.t.call('POST', `/api/returns/${returnId}/qc`, { as: 'operator', body: { code: a.sellerSku, result } });
    invoiceNumber = (
      await f.t.database.query<{ invoice_number: string }>('select invoice_number from invoices where order_id = $1', [
        id,
      ])
    ).rows[0].invoice_number;
    ui = await openConsole(f.t, 'operator');
    ({ page, base } = ui);
  });
  after(() => closeAll(ui, f));

  test('closing a received return makes a credit note, listed with its PDF', async () => {
    await page.goto(`${base}/returns/${returnId}`);
    await page.getByRole('button', { name: 'Close return' }).click();
    await page.getByText(/Credit note CN\/\d\d-\d\d\/\d{6} credits what came back/).waitFor();
    const section = page.getByRole('region', { name: 'Credit notes' });
    await section.waitFor();
    const link = section.getByRole('link', { name: /^CN\// });
    assert.match((await link.getAttribute('href')) ?? '', /^\/api\/documents\/\d+$/);
    assert.match(await section.innerText(), /2 × /);
    await screenshot(page, 'return-credit-note');
  });

  for (const size of [
    { name: 'laptop', width: 1360, height: 900 },
    { name: 'handheld', width: 390, height: 844 },
  ]) {
    test(`the GST register shows the invoice and the credit note, totals apart (${size.name})`, async () => {
      const context = await ui.browser.newContext({ viewport: { width: size.width, height: size.height } });
      const small = await context.newPage();
      await signIn(small, base, 'viewer');
      await small.goto(`${base}/gst-register?from=2000-01-01&to=2100-01-01`);
      const documents = small.getByRole('region', { name: 'Documents' });
      await documents.getByText(invoiceNumber, { exact: true }).waitFor();
      await documents.getByText(`Credit note against ${invoiceNumber}`).waitFor();
      const totals = await small.getByRole('region', { name: 'Totals' }).innerText();
      assert.match(totals, /Invoices/);
      assert.match(totals, /Credit notes/);
      const csv = small.getByRole('link', { name: 'Download CSV' });
      assert.equal(await csv.getAttribute('href'), '/api/gst-register.csv?from=2000-01-01&to=2100-01-01');
      const overflow = await small.evaluate(
        () =>
          ((globalThis as any).document.documentElement.scrollWidth as number) -
          ((globalThis as any).innerWidth as number),
      );
      assert.ok(overflow <= 1, `no sideways scrolling at ${size.width}px (${overflow}px over)`);
      if (size.name === 'laptop') await screenshot(small, 'gst-register');
      await context.close();
    });
  }
});
