import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  expectCue,
  expectPdf,
  openConsole,
  scan,
  signIn,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';
import { havePdfTools, pdfText } from '../helpers/pdf.ts';
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
/** Two days back in IST: the order pull reads AJIO a day window at a time from here. */
const syncFrom = new Date(Date.now() + 5.5 * 3600_000 - 2 * 86_400_000).toISOString().slice(0, 10);

describe('console: the whole flow', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let sandbox: StartedSandbox;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  let code = '';
  /** Two sellable variants with Weft SKUs of the same code, and one listing no Weft SKU matches. */
  const skus: { code: string; ean: string; ajio: string }[] = [];
  let unmapped = { ajio: '', sellerSku: '', weftCode: 'WEFT-UNMATCHED-1' };
  let po: { po_number: string };

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
    await t.call('POST', '/api/warehouses', {
      body: {
        code: 'MUM1',
        name: 'Bhiwandi',
        stateCode: '27',
        pincode: '421302',
        gstin: '27AAACR5055K1Z7',
        address: 'Plot 4, Bhiwandi',
        city: 'Thane',
      },
    });
    const master = [
      'code,ean,name,mrp',
      ...skus.map((s) => `${s.code},${s.ean},${product.title.replace(/,/g, ' ')},${product.variants[0].mrp}`),
      `${unmapped.weftCode},,Unmatched size,${odd.mrp}`,
    ];
    const imported = await t.call('POST', '/api/skus/import', {
      body: `${master.join('\n')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(imported.json().failed, 0, imported.body);
    ui = await openConsole(t);
    ({ page, base } = ui);
  });
  after(() => closeAll(ui, sandbox, t));

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
    await page.getByLabel('Order sync from').fill(syncFrom);
    await page.getByLabel('Return sync from').fill(syncFrom);
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
    // A new channel starts in shadow (nothing written to AJIO, its POs not packable); this seller has
    // no other system fulfilling, so the admin switches it live, confirming first.
    await page.getByTestId('channel-mode').filter({ hasText: 'shadow' }).waitFor();
    await page.getByLabel('Channel mode').selectOption('live');
    await page.getByRole('button', { name: 'Change mode' }).click();
    await page.getByRole('button', { name: 'Switch to live' }).click();
    await page.getByText(`Channel ${code} is now in live mode.`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  test('an operator pulls SKUs and links the listing no Weft SKU matched', async () => {
    await signIn(page, base, 'operator');
    await runNow('SKU pull');
    await page.getByRole('link', { name: 'Channel mappings' }).click();
    await page.getByLabel('Mapping').selectOption('false');
    await page.getByRole('button', { name: `Link ${unmapped.ajio}` }).click();
    await page.getByLabel(`Weft SKU for ${unmapped.ajio}`).fill('WEFT-UNM');
    await page.getByRole('option', { name: new RegExp(`^${unmapped.weftCode} `) }).click();
    await page.getByTestId(`mapped-${unmapped.ajio}`).filter({ hasText: unmapped.weftCode }).waitFor();
    const listing = (await t.call('GET', `/api/channels/${code}/listings?q=${unmapped.ajio}`, { as: 'viewer' })).json()
      .items[0];
    assert.deepEqual([listing.sku, listing.mappedBy], [unmapped.weftCode, 'manual:operator1']);
  });

  test('stock is received, back orders and the PO are pulled, and the channel figure explains itself', async () => {
    for (const s of skus) {
      await page.goto(`${base}/inventory/MUM1/${encodeURIComponent(s.code)}`);
      await page.getByLabel('Movement').selectOption('inbound');
      await page.getByLabel('Quantity change').fill('10');
      await page.getByLabel('Reason').fill('GRN 1');
      await page.getByRole('button', { name: 'Record movement' }).click();
      await page.getByRole('cell', { name: 'GRN 1' }).waitFor();
    }
    // Customers order on ajio.com: the back-order pull reserves stock; then AJIO raises the PO.
    await sandbox.control.placeCustomerOrders(seller.username, [
      {
        lines: [
          { sku: skus[0].code, quantity: 2 },
          { sku: skus[1].code, quantity: 1 },
        ],
      },
    ]);
    await runNow('Back orders');
    [po] = await sandbox.control.raisePurchaseOrders(seller.username);
    await runNow('Order pull');
    await runNow('Inventory push');
    await page.goto(`${base}/channels/${code}/inventory`);
    await page.getByRole('button', { name: `Explain ${skus[0].code}` }).click();
    const explanation = page.getByRole('region', { name: /Why/ });
    await explanation.getByText(/10/).first().waitFor();
    assert.match(
      (await explanation.textContent()) ?? '',
      new RegExp(po.po_number),
      'the PO holding two units is named',
    );
  });

  test('the PO is packed at the pack station by typed scans, and its invoice and labels open as one PDF', async () => {
    await openNav(page, 'Orders');
    await page.getByLabel('PO number').fill(po.po_number);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: po.po_number }).click();
    await page.getByRole('heading', { name: `PO ${po.po_number}` }).waitFor();
    await openNav(page, 'Picklists');
    const form = page.getByRole('form', { name: 'New picklist' });
    await form.getByLabel('Warehouse').selectOption('MUM1');
    await form.getByLabel('Channel').selectOption(code);
    await form.getByRole('button', { name: 'Create picklist' }).click();
    await page.waitForURL(/\/picklists\/PL\d{6}$/);
    const lines = page.getByRole('table', { name: 'Lines in walking order' });
    for (const s of skus) await lines.getByRole('row', { name: new RegExp(s.code) }).waitFor();
    const picklistPdf = await expectPdf(
      page,
      await page.getByRole('link', { name: /^Print picklist/ }).getAttribute('href'),
    );
    if (havePdfTools) assert.ok(pdfText(picklistPdf).includes(skus[0].code), 'the printed picklist lists the SKUs');
    await page.getByRole('button', { name: 'Start picking' }).click();
    await page.getByTestId('picklist-status').filter({ hasText: 'picking' }).waitFor();

    await page.goto(`${base}/orders?q=${po.po_number}`);
    await page.getByRole('link', { name: po.po_number }).click();
    await page.getByRole('link', { name: 'Pack this PO' }).click();
    await page.getByLabel('Scan a box id to open the box').waitFor();
    for (const code of ['LPN-5001', skus[0].code, skus[0].ean, skus[1].code]) await scan(page, code);
    await page.getByLabel('Type the box weight in grams and press Enter').waitFor();
    await scan(page, '800');
    await expectCue(page, /Weight 800 g — box closed/);
    await page.keyboard.press('Alt+F');
    await expectCue(page, new RegExp(`PO ${po.po_number} — packed, documents ready`), 20_000);
    // One PDF to print: the invoice, then the box labels.
    const print = page.getByRole('link', { name: `Print invoice and labels of PO ${po.po_number}` });
    await print.waitFor();
    assert.equal(await print.getAttribute('target'), '_blank', 'the documents open in their own tab, for printing');
    const pdf = await expectPdf(page, await print.getAttribute('href'));
    if (havePdfTools) assert.ok(pdfText(pdf).includes(po.po_number), 'the invoice names the PO');
  });

  test('a manifest is made from the ready shipment, dispatched to AJIO, and both manifests print', async () => {
    await openNav(page, 'Manifests');
    const form = page.getByRole('form', { name: 'New manifest' });
    await form.getByLabel('Channel').selectOption(code);
    await form
      .getByRole('table', { name: 'Shipments ready for a manifest' })
      .getByRole('link', { name: po.po_number })
      .waitFor();
    await form.getByRole('button', { name: 'Create manifest' }).click();
    await page.getByTestId('manifest-status').filter({ hasText: 'draft' }).waitFor();
    await page.getByRole('button', { name: 'Dispatch to AJIO' }).click();
    await page.getByTestId('manifest-status').filter({ hasText: 'dispatched' }).waitFor();
    const pdfs = page.getByRole('region', { name: 'Manifest PDFs' });
    for (const name of ["Print AJIO's manifest", "Print Weft's manifest"])
      await expectPdf(page, await pdfs.getByRole('link', { name }).getAttribute('href'));
    assert.equal(
      (await sandbox.control.received(seller.username, 'manifests')).items.length,
      1,
      'AJIO received the dispatch',
    );
    const order = (await t.call('GET', `/api/orders?q=${po.po_number}`, { as: 'viewer' })).json().items[0];
    assert.equal(order.status, 'shipped');
  });

  test('a customer return comes back through the return pull and is received by scanning, the good unit back in stock', async () => {
    const onHand = async () =>
      (await t.call('GET', `/api/inventory/levels/MUM1/${skus[0].code}`, { as: 'viewer' })).json().onHand as number;
    const before = await onHand();
    const [returned] = (await sandbox.control.createReturns(seller.username, [
      { po_number: po.po_number, sku: skus[0].ajio, quantity: 1, reason: 'SIZE_ISSUE' },
    ])) as { return_id: string; awb: string }[];
    await runNow('Return pull');
    await openNav(page, 'Returns');
    await page.getByRole('link', { name: returned.return_id }).click();
    await page.getByLabel(/Scan the parcel's AWB/).waitFor();
    await scan(page, returned.awb);
    await expectCue(page, /is being received/);
    await scan(page, skus[0].ean);
    await page.getByLabel(new RegExp(`${skus[0].code}: Good or bad`)).waitFor();
    await scan(page, 'G');
    await expectCue(page, new RegExp(`${skus[0].code}: good, back to stock`));
    await page.getByRole('button', { name: 'Close return' }).click();
    await page.getByTestId('return-status').filter({ hasText: 'Closed' }).waitFor();
    assert.equal(await onHand(), before + 1, 'the good unit is back on hand');
    await page.goto(`${base}/inventory/MUM1/${encodeURIComponent(skus[0].code)}`);
    await page
      .getByRole('cell', { name: /return/i })
      .first()
      .waitFor();
  });

  test('a viewer can open every screen of the flow and finds nothing that changes anything', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, base, 'viewer');
    const ids = async (url: string, key: string) => (await t.call('GET', url, { as: 'viewer' })).json().items[0][key];
    const screens = [
      '/channels',
      `/channels/${code}`,
      `/channels/${code}/mappings`,
      `/channels/${code}/inventory`,
      `/sync-runs?channel=${code}`,
      `/sync-runs/${await ids(`/api/channels/${code}/sync-runs`, 'id')}`,
      '/orders',
      `/orders/${await ids(`/api/orders?q=${po.po_number}`, 'id')}`,
      '/picklists',
      `/picklists/${await ids('/api/picklists', 'code')}`,
      '/manifests',
      `/manifests/${await ids('/api/manifests', 'code')}`,
      '/inventory',
      `/inventory/MUM1/${encodeURIComponent(skus[0].code)}`,
      '/returns',
      `/returns/${await ids('/api/returns', 'id')}`,
    ];
    // What a reader may press: finding, paging, refreshing, explaining and leaving.
    const reading = /^(Search|Clear|Refresh|Sign out|← Previous|Next →|Explain( .*)?|Close|Apply|Filter)$/;
    for (const screen of screens) {
      await page.goto(`${base}${screen}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const buttons = (await page.locator('main button:visible').allInnerTexts())
        .map((b) => b.trim())
        .filter((b) => !reading.test(b));
      assert.deepEqual(buttons, [], `${screen} offers a viewer: ${buttons.join(', ')}`);
    }
  });
});
