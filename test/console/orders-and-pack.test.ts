import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  expectCue,
  expectPdf,
  focusedId,
  openConsole,
  scan,
  screenshot,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Orders and the pack station in Chromium: a pulled PO found by its number, its page, packed by
 * typing scans and Enter as a scanner does (a wrong unit refused big), finished with the invoice and
 * labels to open, and a cancellation after the invoice refused with its reason.
 */
describe('console: orders and the pack station', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;
  let page: Page;
  let poNumber: string;

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 2 });
    await f.raisePo([
      { sku: f.variants[0].sellerSku, quantity: 2 },
      { sku: f.variants[1].sellerSku, quantity: 1 },
    ]);
    const po = await f.raisePo([{ sku: f.variants[2].sellerSku, quantity: 1 }]);
    poNumber = po.po_number;
    assert.equal((await f.run('orders')).status, 'succeeded');
    ui = await openConsole(f.t, 'operator');
    ({ page } = ui);
  });
  after(() => closeAll(ui, f));

  test('the order list finds a PO by its number and opens it', async () => {
    await openNav(page, 'Orders');
    await page.getByRole('row').nth(2).waitFor();
    assert.equal(await page.getByRole('row').count(), 3, 'header and two POs');
    await screenshot(page, 'orders');
    await page.getByLabel('PO number').fill(poNumber.slice(0, -1) + poNumber.slice(-1));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
    await page.getByRole('row').nth(1).getByRole('link', { name: poNumber }).waitFor();
    assert.equal(await page.getByRole('row').count(), 2);
    await page.getByRole('link', { name: poNumber }).click();
    await page.getByRole('heading', { name: `PO ${poNumber}` }).waitFor();
    assert.equal(await page.getByTestId('order-status').textContent(), 'open');
    await page.getByRole('cell', { name: f.variants[2].sellerSku, exact: true }).waitFor();
  });

  test('the pack station: box, units (a wrong one refused), weight, finish, then the invoice and labels', async () => {
    await page.getByRole('link', { name: 'Pack this PO' }).click();
    await page.getByLabel('Scan a box id to open the box').waitFor();
    assert.equal(await focusedId(page), 'scan', 'the scan input has the focus');
    await scan(page, 'LPN-9001');
    await expectCue(page, /Box LPN-9001 — opened/);

    await scan(page, f.variants[0].sellerSku);
    await expectCue(page, new RegExp(`SKU ${f.variants[0].sellerSku} — refused.*is not on PO .*put it back`));
    assert.equal(await page.locator('.cue-refused').count(), 1, 'a refusal is shown in red');
    await screenshot(page, 'pack-station-refusal');

    await scan(page, f.variants[2].ean);
    await page.getByLabel('Type the box weight in grams and press Enter').waitFor();
    await scan(page, 'heavy');
    await expectCue(page, /heavy — not a weight/);
    await scan(page, f.variants[2].ean);
    await expectCue(page, new RegExp(`EAN ${f.variants[2].ean} — one too many`));
    await scan(page, '450');
    await expectCue(page, /Weight 450 g — box closed/);
    await page.keyboard.press('Alt+F');
    await expectCue(page, new RegExp(`PO ${poNumber} — packed, documents ready`), 20_000);
    // One button, one PDF (invoice then labels), opened once.
    const print = page.getByRole('link', { name: `Print invoice and labels of PO ${poNumber}` });
    await print.waitFor();
    const orderId = new URL(page.url()).pathname.split('/').pop();
    assert.equal(await print.getAttribute('href'), `/api/orders/${orderId}/documents.pdf`);
    assert.equal(await print.getAttribute('target'), '_blank');
    await screenshot(page, 'pack-station-finished');
  });

  test('the order page shows the pack and documents, and refuses a cancellation after the invoice', async () => {
    await page.getByRole('link', { name: 'Order page' }).click();
    await page.getByRole('heading', { name: `PO ${poNumber}` }).waitFor();
    // The channel marks a PO ready to ship at pack (its "Ready to ship at" setting).
    assert.equal(await page.getByTestId('order-status').textContent(), 'ready to ship');
    await page
      .getByRole('region', { name: 'Documents' })
      .getByRole('link', { name: /Invoice/ })
      .waitFor();
    await expectPdf(
      page,
      await page
        .getByRole('region', { name: 'Documents' })
        .getByRole('link', { name: /Invoice/ })
        .first()
        .getAttribute('href'),
      'the invoice',
    );
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText(/Packed in 1 box/)
      .waitFor();
    assert.equal(await page.getByRole('link', { name: 'Pack this PO' }).count(), 0);

    const cancel = page.getByRole('region', { name: 'Cancel lines' });
    await cancel.getByLabel(/Cancel units of/).fill('1');
    await cancel.getByRole('button', { name: 'Cancel these units' }).click();
    await cancel
      .locator('.field', { has: page.getByLabel('Reason') })
      .getByText('Give the reason for the cancellation.')
      .waitFor();
    await cancel.getByLabel('Reason').fill('customer refused');
    await cancel.getByRole('button', { name: 'Cancel these units' }).click();
    // Cancelling asks first, naming the units and the PO.
    const ask = cancel.getByRole('group', { name: /^Cancel 1 × .* of PO .* at AJIO\? This cannot be undone\.$/ });
    await ask.getByRole('button', { name: 'Cancel at AJIO' }).click();
    await cancel
      .getByRole('alert')
      .filter({ hasText: /already invoiced .*does not allow cancelling after the invoice/ })
      .waitFor();
    await screenshot(page, 'order');
  });

  test('the pack station refuses a PO number it does not know', async () => {
    await openNav(page, 'Pack station');
    await page.getByLabel('Scan the PO number').waitFor();
    await scan(page, 'PO-NOT-HERE');
    await expectCue(page, /PO PO-NOT-HERE — not found/);
    await scan(page, poNumber);
    await expectCue(page, new RegExp(`PO ${poNumber} — not packable.*ready to ship`));
  });
});
