import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ensureConsoleBuilt, launchChromium, listen, screenshot, signIn, skipWithoutChromium } from '../helpers/console.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';

/**
 * The whole AJIO JIT flow in Chromium, as a seller's team works it, against the sandbox: an admin adds
 * the channel through the forms; the streams run on the app's own job runtime when "Run now" is
 * pressed; an operator links an unmapped listing, pulls back orders and POs, makes a picklist, packs
 * by typed scans, opens the invoice, creates and dispatches a manifest and receives a return. Only the
 * marketplace's side (customers ordering, AJIO raising POs and returns) is driven through the
 * sandbox's control API, because that is what AJIO does, not the seller.
 */
const seller = { username: 'DVFLOW01', password: 'api-secret' };

describe('console: the whole flow', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let sandbox: StartedSandbox;
  let browser: Browser;
  let page: Page;
  let base: string;
  let code = '';
  /** Two sellable variants with Weft SKUs of the same code, and one listing no Weft SKU matches. */
  const skus: { code: string; ean: string; ajio: string }[] = [];
  let unmapped = { ajio: '', sellerSku: '', weftCode: 'WEFT-UNMATCHED-1' };

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite', { work: true });
    sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false, market: { poEverySeconds: 0 } });
    await sandbox.control.seedCatalog(seller.username, { styles: 1, seed: 7, initialInventory: 5, publishedRatio: 1 });
    const [product] = await sandbox.control.getCatalog(seller.username);
    for (const v of product.variants.slice(0, 2)) skus.push({ code: v.sellerSku, ean: v.ean, ajio: v.sku });
    const odd = product.variants[2];
    unmapped = { ajio: odd.sku, sellerSku: odd.sellerSku, weftCode: 'WEFT-UNMATCHED-1' };
    // Master data the seller keeps in Weft: the warehouse and the SKU master (one SKU under its own code).
    await t.call('POST', '/api/warehouses', { body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7', address: 'Plot 4, Bhiwandi', city: 'Thane' } });
    const master = ['code,ean,name,mrp', ...skus.map((s) => `${s.code},${s.ean},${product.title.replace(/,/g, ' ')},${product.variants[0].mrp}`), `${unmapped.weftCode},,Unmatched size,${odd.mrp}`];
    const imported = await t.call('POST', '/api/skus/import', { body: `${master.join('\n')}\n`, headers: { 'content-type': 'text/csv' } });
    assert.equal(imported.json().failed, 0, imported.body);
    base = await listen(t);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
    await t?.close();
  });

  /** Presses a stream's Run now on the channel page and waits until the worker has finished it. */
  async function runNow(label: string) {
    await page.goto(`${base}/channels/${code}`);
    await page.getByRole('button', { name: `Run ${label} now` }).click();
    const row = page.getByRole('row', { name: new RegExp(`^${label}`) });
    await page.getByText(new RegExp(`${label}: run \\d+ is`)).waitFor();
    for (let i = 0; i < 60; i++) {
      await page.getByRole('region', { name: 'Streams' }).getByRole('button', { name: 'Refresh' }).click();
      const text = await row.textContent();
      if (/OK|Failing/.test(text ?? '') && !/In progress/.test(text ?? '')) {
        assert.match(text ?? '', /OK/, `${label} run: ${text}`);
        return;
      }
      await page.waitForTimeout(500);
    }
    assert.fail(`${label} did not finish`);
  }

  test('an admin adds the AJIO JIT channel through the forms and points it at the sandbox', async () => {
    await signIn(page, base, 'admin');
    await page.getByRole('link', { name: 'Add New' }).click();
    await page.getByRole('button', { name: 'AJIO JIT (B2B)' }).click();
    await page.getByLabel('Channel name').fill('AJIO JIT Bhiwandi');
    await page.getByLabel('Order source warehouse').selectOption('MUM1');
    await page.getByLabel('Order sync from').fill('2024-01-01');
    await page.getByLabel('Return sync from').fill('2024-01-01');
    await page.getByRole('button', { name: 'Configure Interface' }).click();
    await page.getByLabel('Username', { exact: true }).fill(seller.username);
    await page.getByLabel('Password', { exact: true }).fill(seller.password);
    await page.getByLabel('Is B2B').selectOption('yes');
    await page.getByRole('button', { name: 'Save' }).click();
    code = (await page.getByTestId('channel-code').textContent()) ?? '';
    assert.match(code, /^AJIO\d{4}$/);

    await page.goto(`${base}/channels/${code}`);
    await page.getByLabel('AJIO API address').fill(sandbox.url);
    await page.getByLabel('Return order sync').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. New settings apply from the next run.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected to AJIO: the token is valid until').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  test('an operator pulls SKUs and links the listing no Weft SKU matched', async () => {
    await signIn(page, base, 'operator');
    await runNow('SKU pull');
  });
});
