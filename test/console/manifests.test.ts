import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller } from '../helpers/orders-fixture.ts';
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
 * Manifests in Chromium against the sandbox: POs packed through Weft shown as ready, a manifest made
 * from them (a missing channel refused next to its field), dispatched to AJIO, one PO refused by AJIO
 * and shown with its message, dispatched again once put right, both manifest PDFs opened — and a
 * viewer who sees no create or dispatch controls and whom the API refuses.
 */
describe('console: manifests', { skip: skipWithoutChromium }, () => {
  let f: DispatchFixture;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  let one: { id: number; poNumber: string };
  let two: { id: number; poNumber: string };
  let code = '';

  before(async () => {
    ensureConsoleBuilt();
    f = await createDispatchFixture('pglite', { styles: 2 });
    for (const v of f.variants.slice(0, 3)) await f.stock(v.sellerSku, 10);
    one = await f.packThroughApi([{ variant: f.variants[0], quantity: 2 }]);
    two = await f.packThroughApi([{ variant: f.variants[1], quantity: 1 }]);
    ui = await openConsole(f.t, 'operator');
    ({ page, base } = ui);
  });
  after(() => closeAll(ui, f));

  test('the ready shipments are shown; a manifest needs a channel, then is made from them', async () => {
    await openNav(page, 'Manifests');
    const form = page.getByRole('form', { name: 'New manifest' });
    await page.getByTestId('ready-total').filter({ hasText: '2 shipments ready.' }).waitFor();
    const ready = form.getByRole('table', { name: 'Shipments ready for a manifest' });
    for (const po of [one, two]) await ready.getByRole('link', { name: po.poNumber }).waitFor();

    await form.getByRole('button', { name: 'Create manifest' }).click();
    await fieldError(page, 'Channel')
      .filter({ hasText: 'Choose the channel whose shipments go on the manifest.' })
      .waitFor();
    assert.equal(await f.count('select count(*)::int as n from manifests'), 0);

    await form.getByLabel('Channel').selectOption(f.code);
    assert.equal(await form.getByLabel('Warehouse').inputValue(), 'MUM1', "the channel's own warehouse is chosen");
    await page
      .getByTestId('ready-total')
      .filter({ hasText: `2 shipments ready for ${f.code} at MUM1.` })
      .waitFor();
    await form.getByRole('button', { name: 'Create manifest' }).click();
    await page.waitForURL(/\/manifests\/MF\d{6}$/);
    code = page.url().split('/').pop()!;
    await page.getByTestId('manifest-status').filter({ hasText: 'draft' }).waitFor();
    const shipments = page.getByRole('table', { name: 'Shipments on the manifest' });
    for (const po of [one, two])
      await shipments.getByRole('row', { name: new RegExp(`${po.poNumber}.*pending`) }).waitFor();
    await page.getByText(/No manifest PDFs yet/).waitFor();
    assert.equal(
      (await f.sandbox.control.received(ordersSeller.username, 'manifests')).items.length,
      0,
      'nothing reaches AJIO before dispatch',
    );
  });

  test("dispatch: AJIO's refusal shown with its message, both PDFs to print", async () => {
    // AJIO's side of the refusal: it holds the second PO as not yet ready to dispatch.
    f.sandboxPo(two.poNumber).status = 'PACKED';
    await page.getByRole('button', { name: 'Dispatch to AJIO' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /AJIO took 1 and refused 1 PO/ })
      .waitFor();
    await page.getByTestId('manifest-status').filter({ hasText: 'partial' }).waitFor();
    const refused = page.getByRole('region', { name: 'Refused by AJIO' });
    await refused.getByText(`PO ${two.poNumber}`).waitFor();
    await refused.getByText(/ORDER_NOT_READY_TO_DISPATCH: order is PACKED/).waitFor();
    const shipments = page.getByRole('table', { name: 'Shipments on the manifest' });
    await shipments.getByRole('row', { name: new RegExp(`${one.poNumber}.*dispatched.*shipped`) }).waitFor();
    await shipments
      .getByRole('row', { name: new RegExp(`${two.poNumber}.*refused.*ORDER_NOT_READY_TO_DISPATCH`) })
      .waitFor();

    const pdfs = page.getByRole('region', { name: 'Manifest PDFs' });
    for (const name of ["Print AJIO's manifest", "Print Weft's manifest"]) {
      const link = pdfs.getByRole('link', { name });
      assert.equal(await link.getAttribute('target'), '_blank');
      await expectPdf(page, await link.getAttribute('href'), name);
    }
    await screenshot(page, 'manifest');
  });

  test('put right at AJIO, the refused PO is dispatched again from the page, and only it is sent', async () => {
    f.sandboxPo(two.poNumber).status = 'READY_TO_DISPATCH';
    const before = (await f.sandbox.control.received(ordersSeller.username, 'manifests')).items.length;
    await page
      .getByRole('region', { name: 'Refused by AJIO' })
      .getByRole('button', { name: 'Dispatch refused POs again' })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: /Dispatched 1 PO to AJIO \(attempt 2\)/ })
      .waitFor();
    await page.getByTestId('manifest-status').filter({ hasText: 'dispatched' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Refused by AJIO' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Dispatch to AJIO' }).count(), 0, 'nothing left to dispatch');
    const sent = (await f.sandbox.control.received(ordersSeller.username, 'manifests')).items.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].request.length, 1, 'only the refused PO');
    assert.equal((await f.t.call('GET', `/api/orders/${two.id}`)).json().status, 'shipped');
    const pdfs = page.getByRole('region', { name: 'Manifest PDFs' });
    await pdfs.locator('.document-void').first().waitFor();
    assert.equal(
      await pdfs.locator('li:not(.document-void)').getByRole('link', { name: "Print Weft's manifest" }).count(),
      1,
      'one live Weft manifest',
    );

    await openNav(page, 'Manifests');
    await page.getByRole('navigation', { name: 'Manifest status' }).getByRole('link', { name: 'dispatched' }).click();
    await page.waitForURL(/status=dispatched/);
    await page.getByRole('table', { name: 'Manifests' }).getByRole('link', { name: code, exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Manifest status' }).getByRole('link', { name: 'draft' }).click();
    await page.getByRole('table', { name: 'Manifests' }).getByText('No draft manifests.').waitFor();
  });

  test('a viewer sees no create or dispatch controls, and the API refuses them if forced', async () => {
    const three = await f.packThroughApi([{ variant: f.variants[2], quantity: 1 }]);
    const made = await f.t.call('POST', '/api/manifests', {
      as: 'operator',
      body: { channel: f.code, warehouse: 'MUM1' },
    });
    const draft = made.json().items[0].code as string;
    const viewer = await ui.newPage('viewer');
    await viewer.goto(`${base}/manifests`);
    await viewer.getByRole('table', { name: 'Manifests' }).getByRole('link', { name: draft, exact: true }).click();
    await viewer
      .getByRole('table', { name: 'Shipments on the manifest' })
      .getByRole('link', { name: three.poNumber })
      .waitFor();
    assert.equal(await viewer.getByRole('button', { name: /Dispatch/ }).count(), 0);
    await viewer.goto(`${base}/manifests`);
    await viewer.getByRole('table', { name: 'Manifests' }).waitFor();
    assert.equal(await viewer.getByRole('form', { name: 'New manifest' }).count(), 0);

    const forced = await viewer.evaluate(
      async ({ manifest, channel }) =>
        Promise.all(
          (
            [
              ['/api/manifests', { channel, warehouse: 'MUM1' }],
              [`/api/manifests/${manifest}/dispatch`, {}],
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
      { manifest: draft, channel: f.code },
    );
    assert.deepEqual(forced, [403, 403]);
    assert.equal((await f.t.call('GET', `/api/manifests/${draft}`)).json().status, 'draft');
  });
});
