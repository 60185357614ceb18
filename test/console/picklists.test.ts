import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  expectPdf,
  fieldError,
  openConsole,
  screenshot,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Picklists in Chromium against the sandbox: pulled POs gathered by the create form (its mistakes
 * shown next to their fields), the picklist in walking order with the POs per line, printed as a PDF,
 * deliveries prefetched once the channel's prepack is on, moved on a status, found in the enquiry by
 * status — and a viewer who sees none of the controls and whom the API refuses.
 */
describe('console: picklists', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  const poNumbers: string[] = [];
  let firstCode = '';
  let secondCode = '';

  const setPrepack = async (on: boolean) => {
    const res = await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { prepack: on } } } });
    assert.equal(res.statusCode, 200, res.body);
  };
  const badge = () => page.getByTestId('picklist-status');

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 2 });
    const [a, b, c] = f.variants;
    poNumbers.push(
      (
        await f.raisePo([
          { sku: a.sellerSku, quantity: 2 },
          { sku: b.sellerSku, quantity: 1 },
        ])
      ).po_number,
    );
    poNumbers.push(
      (
        await f.raisePo([
          { sku: a.sellerSku, quantity: 1 },
          { sku: c.sellerSku, quantity: 1 },
        ])
      ).po_number,
    );
    assert.equal((await f.run('orders')).status, 'succeeded');
    ui = await openConsole(f.t, 'operator');
    ({ page, base } = ui);
  });
  after(() => closeAll(ui, f));

  test('the create form refuses bad input next to its field, then makes the picklist', async () => {
    await openNav(page, 'Picklists');
    const form = page.getByRole('form', { name: 'New picklist' });
    await form.getByRole('button', { name: 'Create picklist' }).click();
    await fieldError(page, 'Warehouse').filter({ hasText: 'Choose the warehouse to pick in.' }).waitFor();

    await form.getByLabel('Warehouse').selectOption('MUM1');
    await form.getByLabel('PO date from').fill('2025-03-31');
    await form.getByLabel('PO date to').fill('2025-03-01');
    await form.getByRole('button', { name: 'Create picklist' }).click();
    await fieldError(page, 'PO date to')
      .filter({ hasText: /"to" date is before the "from" date/ })
      .waitFor();
    assert.equal(await fieldError(page, 'Warehouse').count(), 0, 'the warehouse is fine now');
    assert.equal(await f.count('select count(*)::int as n from picklists'), 0, 'nothing was made');

    await form.getByLabel('PO date from').fill('');
    await form.getByLabel('PO date to').fill('');
    await form.getByLabel('Channel').selectOption(f.code);
    await form.getByRole('button', { name: 'Create picklist' }).click();
    await page.waitForURL(/\/picklists\/PL\d{6}$/);
    firstCode = page.url().split('/').pop()!;
    assert.equal(await badge().textContent(), 'pending');
  });

  test('the picklist page: lines in walking order with their POs, printed as a PDF; no prefetch while prepack is off', async () => {
    const lines = page.getByRole('table', { name: 'Lines in walking order' });
    await lines.getByRole('row').nth(3).waitFor();
    const rows = await lines.getByRole('row').allInnerTexts();
    assert.equal(rows.length, 4, 'header and three SKUs');
    const [a, b, c] = f.variants;
    const rowOf = (sku: string) => rows.find((r) => r.includes(sku))!;
    assert.match(rowOf(a.sellerSku), /\t3\t/, 'two POs need 3 units of the first SKU');
    assert.ok(rowOf(a.sellerSku).includes(poNumbers[0]) && rowOf(a.sellerSku).includes(poNumbers[1]));
    assert.ok(rowOf(b.sellerSku).includes(poNumbers[0]) && !rowOf(b.sellerSku).includes(poNumbers[1]));
    assert.ok(rowOf(c.sellerSku).includes(poNumbers[1]));
    const walked = (await f.t.call('GET', `/api/picklists/${firstCode}`, { as: 'viewer' }))
      .json()
      .lines.map((l: { skuCode: string }) => l.skuCode);
    assert.deepEqual(
      rows.slice(1).map((r) => walked.find((sku: string) => r.includes(sku))),
      walked,
      'shown in the walking order',
    );
    assert.equal(
      await page.getByRole('button', { name: 'Prefetch deliveries' }).count(),
      0,
      'prepack is off for this channel',
    );

    const print = page.getByRole('link', { name: `Print picklist ${firstCode}` });
    assert.equal(await print.getAttribute('target'), '_blank');
    await expectPdf(page, await print.getAttribute('href'), 'the printed picklist');
  });

  test('with prepack on, "Prefetch deliveries" shows the result of each PO', async () => {
    await setPrepack(true);
    await page.reload();
    await page.getByRole('button', { name: 'Prefetch deliveries' }).click();
    const results = page.getByRole('table', { name: `Prefetch results of ${firstCode}` });
    await results.waitFor();
    for (const po of poNumbers) {
      const row = results.getByRole('row', { name: new RegExp(po) });
      assert.match(
        // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the tab between cells that the pattern matches.
        await row.innerText(),
        new RegExp(`Prefetched\\t\\S+\\t\\d+\\t${po}-1`),
        'invoice, AWB and the box to scan',
      );
    }
    const invoices = await f.count("select count(*)::int as n from invoices where status = 'active'");
    assert.equal(invoices, 2, 'both POs invoiced at prefetch');
    await page.getByText(/2 of 2 POs ready with invoice and labels/).waitFor();
    await screenshot(page, 'picklist');
  });

  test('"Print all" opens one tab with every prefetched PO\'s invoice and labels as one PDF', async () => {
    const bundle = `/api/picklists/${firstCode}/documents.pdf`;
    const printAll = page.getByRole('link', { name: `Print all invoices and labels of ${firstCode}` });
    assert.equal(await printAll.getAttribute('href'), bundle);
    assert.equal(await printAll.getAttribute('target'), '_blank');
    const popups: string[] = [];
    page.context().on('page', (p) => popups.push(p.url()));
    const opened = page.waitForEvent('popup');
    await printAll.click();
    const popup = await opened;
    await popup.waitForURL(`${base}${bundle}`);
    const pdf = await expectPdf(page, popup.url(), 'the bundle the tab shows');
    const parts = await Promise.all(
      poNumbers.map(async (po) => {
        const orderId = await f.count('select id::int as n from orders where po_number = $1', [po]);
        const one = await f.t.call('GET', `/api/orders/${orderId}/documents.pdf`, { as: 'viewer' });
        assert.equal(one.statusCode, 200, one.body);
        return one.rawPayload;
      }),
    );
    const { PDFDocument } = await import('pdf-lib');
    const pages = async (bytes: Buffer) => (await PDFDocument.load(bytes)).getPageCount();
    assert.equal(await pages(pdf), (await pages(parts[0])) + (await pages(parts[1])), 'both POs, whole');
    assert.equal(popups.length, 1, 'one tab, opened once');
    await popup.close();
  });

  test('moving the status on: pending → picking, and prefetch no longer offered', async () => {
    await page.getByRole('button', { name: 'Start picking' }).click();
    await page.getByTestId('picklist-status').filter({ hasText: 'picking' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Prefetch deliveries' }).count(), 0);
    await page.getByRole('button', { name: 'Mark picked' }).waitFor();
  });

  test('the enquiry filters by status on the server; actions work from the list', async () => {
    const po = await f.raisePo([{ sku: f.variants[3].sellerSku, quantity: 1 }]);
    assert.equal((await f.run('orders')).status, 'succeeded');
    secondCode = (await f.t.call('POST', '/api/picklists', { as: 'operator', body: { warehouse: 'MUM1' } })).json()
      .code;
    assert.ok(po.po_number);

    await openNav(page, 'Picklists');
    const tabs = page.getByRole('navigation', { name: 'Picklist status' });
    await tabs.getByRole('link', { name: 'pending' }).click();
    await page.waitForURL(/status=pending/);
    const table = page.getByRole('table', { name: 'Picklists' });
    await table.getByRole('link', { name: secondCode, exact: true }).waitFor();
    assert.equal(
      await table.getByRole('link', { name: firstCode, exact: true }).count(),
      0,
      'the picking one is not pending',
    );
    await tabs.getByRole('link', { name: 'picking' }).click();
    await page.waitForURL(/status=picking/);
    await table.getByRole('link', { name: firstCode, exact: true }).waitFor();
    assert.equal(await table.getByRole('link', { name: secondCode, exact: true }).count(), 0);

    await tabs.getByRole('link', { name: 'All' }).click();
    const second = table.getByRole('row', { name: new RegExp(secondCode) });
    await second.getByRole('button', { name: 'Prefetch deliveries' }).click();
    await page
      .getByRole('table', { name: `Prefetch results of ${secondCode}` })
      .getByRole('row', { name: new RegExp(`${po.po_number}.*Prefetched`) })
      .waitFor();
    await second.getByRole('button', { name: 'Start picking' }).click();
    await table.getByRole('row', { name: new RegExp(`${secondCode}.*picking`) }).waitFor();
    await screenshot(page, 'picklists');
  });

  test('a viewer sees no create, prefetch or status controls, and the API refuses them if forced', async () => {
    await setPrepack(true);
    const third = await f.raisePo([{ sku: f.variants[4].sellerSku, quantity: 1 }]);
    assert.ok(third);
    await f.run('orders');
    const pendingCode = (
      await f.t.call('POST', '/api/picklists', { as: 'operator', body: { warehouse: 'MUM1' } })
    ).json().code;
    const viewer = await ui.newPage('viewer');
    await viewer.goto(`${base}/picklists`);
    const table = viewer.getByRole('table', { name: 'Picklists' });
    await table.getByRole('link', { name: pendingCode, exact: true }).waitFor();
    assert.equal(await viewer.getByRole('form', { name: 'New picklist' }).count(), 0);
    assert.equal(
      await viewer.getByRole('button', { name: /Prefetch deliveries|Start picking|Mark picked|Close/ }).count(),
      0,
    );
    await table.getByRole('link', { name: `Print picklist ${pendingCode}` }).waitFor();
    await table.getByRole('link', { name: pendingCode, exact: true }).click();
    await viewer.getByTestId('picklist-status').waitFor();
    assert.equal(
      await viewer
        .getByRole('button')
        .filter({ hasText: /Prefetch|Start picking/ })
        .count(),
      0,
    );

    // No named helpers inside evaluate: the test runner's transform would refer to its own __name there.
    const forced = await viewer.evaluate(
      async (code) =>
        Promise.all(
          (
            [
              ['/api/picklists', { warehouse: 'MUM1' }],
              [`/api/picklists/${code}/prefetch`, {}],
              [`/api/picklists/${code}/status`, { status: 'picking' }],
            ] as const
          ).map(
            async ([url, body]) =>
              (
                await fetch(url, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify(body),
                })
              ).status,
          ),
        ),
      pendingCode,
    );
    assert.deepEqual(forced, [403, 403, 403]);
    assert.equal((await f.t.call('GET', `/api/picklists/${pendingCode}`)).json().status, 'pending');
  });
});
