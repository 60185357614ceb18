import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { dispatchAtAjio } from '../helpers/dispatch-at-ajio.ts';
import { createInventoryFixture, seller, type InventoryFixture, type Listing } from '../helpers/inventory-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  expectCue,
  focusedId,
  openConsole,
  scan,
  screenshot,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Returns in Chromium against the sandbox: returns raised at AJIO and pulled are listed and filtered;
 * an operator receives one by typing scans and Enter as a scanner does (the AWB, then units judged good
 * and bad), a unit not on the return and one more than returned are refused big, the return is closed
 * and the good unit is back on hand through the ledger. A viewer sees no inbound controls, and the API
 * refuses when forced.
 */
describe('console: returns and return inbound', { skip: skipWithoutChromium }, () => {
  let f: InventoryFixture;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  let a: Listing, b: Listing, c: Listing;
  let returned: { return_id: string; awb: string }[];

  before(async () => {
    ensureConsoleBuilt();
    f = await createInventoryFixture('pglite', { styles: 3 });
    [a, b, c] = f.listings;
    const po = await dispatchAtAjio(f, [
      { listing: a, quantity: 2 },
      { listing: b, quantity: 1 },
    ]);
    returned = (await f.sandbox.control.createReturns(seller.username, [
      { po_number: po.po_number, sku: a.channelSku, quantity: 2, reason: 'SIZE_ISSUE' },
      { po_number: po.po_number, sku: b.channelSku, quantity: 1 },
    ])) as typeof returned;
    await f.setOnHand(a, 5);
    const pulled = await f.run('returns');
    assert.equal(pulled.status, 'succeeded', pulled.error ?? '');
    ui = await openConsole(f, 'operator');
    ({ page, base } = ui);
  });
  after(() => closeAll(ui, f));

  const eanOf = (listing: Listing) =>
    f.catalog.flatMap((p) => p.variants).find((v) => v.sku === listing.channelSku)!.ean;
  const level = async (listing: Listing) =>
    (await f.call('GET', `/api/inventory/levels/MUM1/${listing.skuCode}`)).json();

  test('the list shows the pulled returns and filters them in the URL', async () => {
    await openNav(page, 'Returns');
    await page.getByRole('row').nth(2).waitFor();
    assert.equal(await page.getByRole('row').count(), 3, 'header and two returns');
    await page.getByRole('cell', { name: returned[0].return_id }).waitFor();
    await screenshot(page, 'returns');

    await page.getByLabel('Status').selectOption('closed');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/status=closed/);
    await page.getByText('No returns match these filters.').waitFor();

    await page.getByLabel('Status').selectOption('confirmed');
    await page.getByLabel('Return, PO or AWB').fill(returned[0].return_id);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
    await page.getByRole('row').nth(1).getByRole('link', { name: returned[0].return_id }).waitFor();
    assert.equal(await page.getByRole('row').count(), 2);
    await page.reload();
    await page.getByRole('row').nth(1).getByRole('link', { name: returned[0].return_id }).waitFor();
    assert.equal(
      await page.getByLabel('Return, PO or AWB').inputValue(),
      returned[0].return_id,
      'the filters come back from the URL',
    );
    await page.getByRole('link', { name: returned[0].return_id }).click();
    await page.getByRole('heading', { name: `Return ${returned[0].return_id}` }).waitFor();
  });

  test('inbound by scanning: the AWB receives it, units judged good and bad, wrong and extra units refused big, then closed', async () => {
    await page.getByLabel(/Scan the parcel's AWB/).waitFor();
    assert.equal(await focusedId(page), 'scan', 'the scan input has the focus');
    await scan(page, 'AWB-OF-ANOTHER-PARCEL');
    await expectCue(page, /Wrong parcel/);
    await scan(page, returned[0].awb);
    await expectCue(page, /is being received/);
    assert.equal(await page.getByTestId('return-status').textContent(), 'Receiving');

    await scan(page, c.skuCode);
    await expectCue(page, new RegExp(`Not on this return.*${c.skuCode} is not on return`));
    assert.equal(await page.locator('.cue-refused').count(), 1, 'a refusal is shown in red');

    await scan(page, a.skuCode);
    await page.getByLabel(new RegExp(`${a.skuCode}: Good or bad`)).waitFor();
    await scan(page, 'G');
    await expectCue(page, new RegExp(`${a.skuCode}: good, back to stock.*On hand at MUM1 is now 6`));

    await scan(page, eanOf(a));
    await scan(page, c.skuCode);
    await expectCue(page, new RegExp(`Decide ${a.skuCode} first`));
    await scan(page, 'BAD');
    await expectCue(page, new RegExp(`${a.skuCode}: bad, to damaged.*Damaged at MUM1 is now 1`));
    const line = page.getByTestId(`return-line-${a.skuCode}`);
    assert.deepEqual(
      [await line.getByTestId('good').textContent(), await line.getByTestId('bad').textContent()],
      ['1', '1'],
    );

    await scan(page, a.skuCode);
    await expectCue(page, /More than returned.*All 2 units of .* are received already: this one is extra/);
    assert.equal(await page.locator('.cue-refused').count(), 1);
    await screenshot(page, 'return-inbound');

    await page.getByRole('button', { name: 'Close return' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /is closed: 1 good \(back to stock\), 1 bad \(damaged\), nothing missing/ })
      .waitFor();
    assert.equal(await page.getByTestId('return-status').textContent(), 'Closed');
    assert.equal(await page.locator('#scan').count(), 0, 'nothing more can be scanned on a closed return');

    // The good unit went back on hand, the bad one to damaged, both through the ledger.
    const stock = await level(a);
    assert.deepEqual([stock.onHand, stock.damaged], [6, 1]);
    const ledger = stock.ledger as { kind: string; reference: string; actor: string }[];
    assert.deepEqual(
      ledger.slice(0, 2).map((m) => [m.kind, m.reference]),
      [
        ['return_bad', returned[0].return_id],
        ['return_good', returned[0].return_id],
      ],
    );
    assert.equal(ledger[0].actor, 'operator1');
  });

  test('closing with units not received asks first and reports them missing', async () => {
    await page.goto(`${base}/returns?q=${returned[1].return_id}`);
    await page.getByRole('link', { name: returned[1].return_id }).click();
    await page.getByLabel(/Scan the parcel's AWB/).waitFor();
    await scan(page, returned[1].return_id.toLowerCase());
    await expectCue(page, /is being received/);
    await scan(page, eanOf(b));
    await page.getByRole('button', { name: /Good: back to stock/ }).waitFor();
    await page.keyboard.press('Escape');
    await expectCue(page, new RegExp(`${b.skuCode} put back`));
    assert.equal(
      await page.getByRole('button', { name: /Good: back to stock/ }).count(),
      0,
      'Esc puts the unit back without a QC result',
    );
    await page.getByRole('button', { name: 'Close return' }).click();
    await page.getByText(/1 unit has not been received: closing reports it missing/).waitFor();
    await page.getByRole('button', { name: 'Keep receiving' }).click();
    assert.equal(await page.getByTestId('return-status').textContent(), 'Receiving');
    await page.getByRole('button', { name: 'Close return' }).click();
    await page.getByRole('button', { name: 'Close with 1 missing' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`missing: ${b.skuCode} × 1`) })
      .waitFor();
    assert.equal((await level(b)).onHand, 0, 'a missing unit moves no stock');
  });

  test('a viewer sees returns without inbound controls, and the API refuses when forced', async () => {
    const [a2] = (await f.sandbox.control.createReturns(seller.username, [
      { po_number: (await dispatchAtAjio(f, [{ listing: c, quantity: 1 }])).po_number, sku: c.channelSku },
    ])) as { return_id: string }[];
    await f.run('returns');
    const other = await ui.newPage('viewer');
    await openNav(other, 'Returns');
    await other.getByRole('link', { name: a2.return_id }).click();
    await other.getByRole('heading', { name: `Return ${a2.return_id}` }).waitFor();
    await other.getByTestId(`return-line-${c.skuCode}`).waitFor();
    assert.equal(await other.locator('#scan').count(), 0, 'no scan input');
    assert.equal(
      await other.getByRole('button', { name: /Close return|Good|Bad/ }).count(),
      0,
      'no QC or close buttons',
    );
    const id = Number(new URL(other.url()).pathname.split('/').pop());
    const forced = await other.evaluate(async (returnId) => {
      const statuses: number[] = [];
      for (const [path, body] of [
        ['receive', {}],
        ['qc', { code: 'X', result: 'good' }],
        ['close', {}],
      ] as const) {
        const res = await fetch(`/api/returns/${returnId}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        statuses.push(res.status);
      }
      return statuses;
    }, id);
    assert.deepEqual(forced, [403, 403, 403]);
    assert.equal((await f.call('GET', `/api/returns/${id}`)).json().status, 'confirmed');
    await other.context().close();
  });
});
