import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The order page lists AJIO's invoice beside Weft's under human names (never a kind such as
 * "marketplace-label"); when AJIO's PDF could not be fetched it says why, and an operator fetches it
 * again from there.
 */
describe("console: AJIO's invoice beside Weft's on the order page", { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 1 });
    ui = await openConsole(f.t);
  });
  after(() => closeAll(ui, f));

  async function packedOrder(box: string) {
    const v = f.variants[0];
    const po = await f.raisePo([{ sku: v.sellerSku, quantity: 1 }]);
    await f.run('orders');
    const id = (await f.t.call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
    const pack = (action: string, body: unknown) =>
      f.t.call('POST', `/api/orders/${id}/pack/${action}`, { as: 'operator', body });
    await pack('box', { box });
    await pack('scan', { code: v.sellerSku });
    await pack('close-box', { weightGrams: 400 });
    const finished = await pack('finish', {});
    assert.equal(finished.statusCode, 200, finished.body);
    return { id, invoiceNumber: finished.json().documents.invoice.invoiceNumber as string };
  }

  test("AJIO's invoice and labels are listed by name next to Weft's", async () => {
    const { id, invoiceNumber } = await packedOrder('LPN-2001');
    const page = await ui.newPage('viewer');
    await page.goto(`${ui.base}/orders/${id}`);
    const docs = page.getByRole('region', { name: 'Documents' });
    await docs.getByRole('link', { name: `AJIO's invoice ${invoiceNumber}` }).waitFor();
    const names = await docs.locator('ul.documents li a').allTextContents();
    assert.ok(names[0].startsWith(`Invoice ${invoiceNumber}`), names.join(' | '));
    assert.ok(names[1].startsWith(`AJIO's invoice ${invoiceNumber}`), names.join(' | '));
    assert.ok(
      names.some((n) => n.startsWith("AJIO's box labels")),
      names.join(' | '),
    );
    assert.ok(!names.some((n) => /marketplace-/.test(n)), `no raw kind names: ${names.join(' | ')}`);
    await screenshot(page, 'order-marketplace-invoice');
    await page.context().close();
  });

  test('a failed fetch is flagged with its reason; an operator fetches it again', async () => {
    await f.sandbox.control.injectFaults({ route: 'GET /documents/invoices/*', type: '500', count: -1 });
    const { id, invoiceNumber } = await packedOrder('LPN-2002');
    const page = await ui.newPage('operator');
    await page.goto(`${ui.base}/orders/${id}`);
    const status = page.getByTestId('marketplace-invoice-status');
    await status.getByText(`AJIO's invoice ${invoiceNumber} is not stored yet`).waitFor();
    assert.match((await status.textContent()) ?? '', /could not be fetched or stored/);
    await f.sandbox.control.clearFaults();
    await status.getByRole('button', { name: "Fetch AJIO's invoice again" }).click();
    await page
      .getByRole('region', { name: 'Documents' })
      .getByRole('link', { name: `AJIO's invoice ${invoiceNumber}` })
      .waitFor();
    assert.equal(await page.getByTestId('marketplace-invoice-status').count(), 0);
    await page.context().close();
  });
});
