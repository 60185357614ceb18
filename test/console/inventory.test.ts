import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { createInventoryFixture, type InventoryFixture } from '../helpers/inventory-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  fetchFromPage,
  fieldError,
  assertFieldError,
  openConsole,
  screenshot,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';
import { createInventoryScene, reconcileWithLastStyleGone, type InventoryScene } from '../helpers/inventory-console.ts';

/**
 * The inventory screens in Chromium against the AJIO sandbox: levels searched and filtered, a level's
 * ledger and an adjustment (bad input refused next to the field, a good one in the ledger and the
 * level), a channel's figures with an explanation, a status filter and a full push, a reconciliation
 * report with its CSV, and a viewer who sees no controls and is refused by the API.
 */
describe('console: inventory', { skip: skipWithoutChromium }, () => {
  let f: InventoryFixture;
  let scene: InventoryScene;
  let ui: OpenConsole;
  let base: string;

  before(async () => {
    ensureConsoleBuilt();
    f = await createInventoryFixture('pglite', { styles: 3 });
    scene = await createInventoryScene(f);
    ui = await openConsole(f);
    ({ base } = ui);
  });
  after(() => closeAll(ui, f));

  /** The cells of the table row holding `text`. */
  const rowCells = async (page: Page, text: string) => {
    const row = page.locator('tbody tr', { hasText: text }).first();
    await row.waitFor();
    return (await row.locator('td, th').allTextContents()).map((c) => c.trim());
  };
  /** Polls until `check` holds (a filtered table has re-rendered), for up to 5 seconds. */
  const waitUntil = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`waited 5 s for ${what}`);
  };
  const waitForCount = (locator: Locator, n: number) =>
    waitUntil(`${n} rows`, async () => (await locator.count()) === n);
  const levelUrl = () => `${base}/inventory/MUM1/${encodeURIComponent(scene.busy.skuCode)}`;

  test('levels: every SKU per warehouse with available; search by part of a SKU and a warehouse, both in the URL', async () => {
    const page = await ui.newPage('operator');
    await openNav(page, 'Inventory');
    const cells = await rowCells(page, scene.busy.skuCode);
    // Warehouse, SKU, name, on hand, damaged, allocated, reserved, available.
    assert.deepEqual([cells[0], cells[1], ...cells.slice(3)], ['MUM1', scene.busy.skuCode, '9', '0', '2', '1', '6']);
    assert.equal(await page.locator('tbody tr').count(), f.listings.length);
    await screenshot(page, 'inventory');

    const part = scene.busy.skuCode.slice(-4).toLowerCase();
    await page.getByLabel('SKU').fill(part);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/[?&]q=/);
    assert.equal(new URL(page.url()).searchParams.get('q'), part);
    await waitUntil(
      'the search to narrow the list',
      async () => (await page.locator('tbody tr').count()) < f.listings.length,
    );
    for (const row of await page.locator('tbody tr').all()) {
      const [, sku, name] = await row.locator('td').allTextContents();
      assert.ok(`${sku} ${name}`.toLowerCase().includes(part), `${sku} ${name} matches "${part}"`);
    }
    await rowCells(page, scene.busy.skuCode);

    await page.getByLabel('Warehouse').selectOption('BLR1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No stock matches this search.').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('warehouse'), 'BLR1');
    // The filters come back from the URL on a reload.
    await page.reload();
    await page.getByText('No stock matches this search.').waitFor();
    assert.equal(await page.getByLabel('Warehouse').inputValue(), 'BLR1');
    await page.context().close();
  });

  test('a level: its figures and ledger; an adjustment refused at the field, then recorded in the ledger and the level', async () => {
    const page = await ui.newPage('operator');
    await page.goto(`${base}/inventory`);
    await page.getByRole('link', { name: scene.busy.skuCode, exact: true }).click();
    await page.getByTestId('on-hand').waitFor();
    assert.equal(await page.getByTestId('on-hand').textContent(), '9');
    assert.equal(await page.getByTestId('available').textContent(), '6');
    const ledger = page.getByRole('region', { name: 'Ledger' });
    assert.deepEqual((await rowCells(page, 'Cycle count found one short')).slice(1), [
      'adjust',
      '−1',
      '0',
      'Cycle count found one short',
      'CC-07',
      'operator1',
    ]);
    assert.equal(await ledger.locator('tbody tr').count(), 2);

    const record = () => page.getByRole('button', { name: 'Record movement' }).click();
    await page.getByLabel('Quantity change').fill('two');
    await page.getByLabel('Reason').fill('Recount');
    await record();
    await assertFieldError(page, 'Quantity change', /Give the quantity as a whole number/);
    await page.getByLabel('Quantity change').fill('0');
    await record();
    await assertFieldError(page, 'Quantity change', /A quantity of 0 changes nothing/);
    await page.getByLabel('Quantity change').fill('-3');
    await page.getByLabel('Reason').fill('');
    await record();
    await assertFieldError(page, 'Reason', /Say why the stock changes/);
    assert.equal(await fieldError(page, 'Quantity change').count(), 0, 'the quantity is fine now');
    await page.getByLabel('Quantity change').fill('-50');
    await page.getByLabel('Reason').fill('Write off');
    await record();
    await assertFieldError(page, 'Quantity change', /has 9 on hand at MUM1; 50 cannot be taken out/);
    assert.equal(await page.getByTestId('on-hand').textContent(), '9', 'nothing refused changed the level');

    await page.getByLabel('Quantity change').fill('4');
    await page.getByLabel('Reason').fill('Found in the returns cage');
    await page.getByLabel('Reference').fill('CC-08');
    await record();
    await page.getByText('Recorded.').waitFor();
    await page.getByTestId('on-hand').filter({ hasText: /^13$/ }).waitFor();
    assert.equal(await page.getByTestId('available').textContent(), '10');
    const first = (await ledger.locator('tbody tr').first().locator('td').allTextContents()).slice(1);
    assert.deepEqual(first, ['adjust', '+4', '0', 'Found in the returns cage', 'CC-08', 'operator1']);
    assert.equal(await ledger.locator('tbody tr').count(), 3);
    assert.equal(await page.getByLabel('Quantity change').inputValue(), '', 'the form is cleared for the next one');
    await screenshot(page, 'inventory-item');
    await page.context().close();
  });

  test('channel inventory: an explanation line by line, the status filter, and Push all now', async () => {
    const page = await ui.newPage('operator');
    await page.goto(`${base}/channels/${f.channelCode}`);
    await page.getByRole('link', { name: 'Channel inventory' }).click();
    await page.getByRole('heading', { name: /Inventory at AJIO/ }).waitFor();
    const busy = await rowCells(page, scene.busy.channelSku);
    assert.deepEqual(busy.slice(0, 4), [scene.busy.channelSku, scene.busy.skuCode, '6', 'Success']);
    const refused = await rowCells(page, scene.refused.channelSku);
    assert.deepEqual([refused[3], refused[4]], ['Error', 'AJIO: LISTING_UNDER_MODERATION']);

    await page.getByRole('button', { name: `Explain ${scene.busy.skuCode}` }).click();
    const explanation = page.getByTestId('explanation');
    await explanation.waitFor();
    const lines = (await explanation.locator('tr').allTextContents()).map((l) => l.trim());
    // The previous test added 4 on hand; nothing has been pushed since, so the last push was 6.
    assert.deepEqual(lines, [
      'On hand at MUM1: 13+13',
      'Allocated to PO 5090100001 (open) at MUM1: −2−2',
      `Reserved for pendency FN9090000001 item FN9090000001-1 on ${f.channelCode}: −1−1`,
      'Weft pushes 10.10',
    ]);
    await page.getByText('Last sent 6 on').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('explain'), scene.busy.skuCode);
    await screenshot(page, 'channel-inventory');
    await page.getByRole('button', { name: 'Close' }).click();
    await explanation.waitFor({ state: 'detached' });

    await page.getByLabel('Push status').selectOption('error');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/status=error/);
    const errorRows = page.getByRole('region', { name: 'Figures per SKU' }).locator('tbody tr');
    await waitForCount(errorRows, 1);
    assert.match(
      (await errorRows.textContent()) ?? '',
      new RegExp(`${scene.refused.channelSku}.*LISTING_UNDER_MODERATION`),
    );

    await page.getByRole('button', { name: 'Push all now' }).click();
    const follow = page.getByRole('link', { name: /Follow run \d+/ });
    await follow.waitFor();
    const runId = Number((await follow.textContent())!.match(/\d+/)![0]);
    const run = await f.execute(runId);
    assert.equal(run.status, 'succeeded', run.error ?? '');
    assert.ok(run.updated >= f.listings.length, `a full push sends every listing (${run.updated})`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('No listing matches this search.').waitFor();
    await page.getByLabel('Push status').selectOption('');
    await page.getByRole('button', { name: 'Search' }).click();
    // The full push sent the busy SKU's new figure: 13 on hand − 2 − 1.
    await waitUntil('the new figure', async () => {
      const cells = await rowCells(page, scene.busy.channelSku);
      return cells[2] === '10' && cells[3] === 'Success';
    });
    await page.context().close();
  });

  test('a reconciliation report: the drift table and its CSV', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(`${base}/channels/${f.channelCode}/inventory`);
    const summary = await rowCells(page, `Report ${scene.reportId}`);
    assert.deepEqual(summary.slice(2), [String(f.listings.length), '1', '1', '0']);
    await page.getByRole('link', { name: `Report ${scene.reportId}` }).click();
    await page.getByRole('heading', { name: `Reconciliation report ${scene.reportId}` }).waitFor();
    const drift = await rowCells(page, scene.drifted.channelSku);
    assert.deepEqual(drift, [scene.drifted.channelSku, scene.drifted.skuCode, '6', '40', '+34', 'Corrected to 6']);
    await screenshot(page, 'reconciliation');

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    assert.equal(href, `/api/reconciliation-reports/${scene.reportId}.csv`);
    const csv = await fetchFromPage(page, href);
    const text = csv.body.toString('utf8');
    assert.equal(csv.status, 200);
    assert.match(csv.type ?? '', /^text\/csv/);
    assert.ok(
      text.split('\n').includes(`${scene.drifted.channelSku},${scene.drifted.skuCode},40,6,34,yes,,drift`),
      text,
    );
    await page.context().close();
  });

  test('a report with SKUs missing at AJIO: counted in the list, their own marked table, and in the CSV', async () => {
    const { reportId, missing } = await reconcileWithLastStyleGone(f);
    assert.ok(missing.length > 0);
    const page = await ui.newPage('viewer');
    await page.goto(`${base}/channels/${f.channelCode}/inventory`);
    const summary = await rowCells(page, `Report ${reportId}`);
    const report = (await f.call('GET', `/api/reconciliation-reports/${reportId}`)).json();
    assert.equal(report.missing, missing.length);
    assert.deepEqual(summary.slice(2), [
      String(f.listings.length - missing.length),
      String(report.drifted),
      String(report.corrected),
      String(missing.length),
    ]);
    assert.equal(
      await page.locator('tbody tr', { hasText: `Report ${reportId}` }).getAttribute('class'),
      'row-trouble',
    );
    await page.getByRole('link', { name: `Report ${reportId}` }).click();
    await page.getByRole('heading', { name: `Reconciliation report ${reportId}` }).waitFor();
    assert.equal(
      await page.locator('.facts div', { hasText: 'Missing at AJIO' }).locator('dd').textContent(),
      String(missing.length),
    );

    const table = page.getByRole('region', { name: 'Missing at AJIO' });
    assert.match(
      (await table.locator('header').textContent()) ?? '',
      /no longer lists.*seller panel.*Weft cannot create JIT listings/,
    );
    await table.locator('tbody tr').first().waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        trouble: tr.className,
        cells: [...tr.querySelectorAll('td, th')].map((c) => (c.textContent ?? '').trim()),
      })),
    );
    assert.deepEqual(
      rows.map((r) => r.cells.slice(0, 4)),
      missing.map((l) => [l.channelSku, l.skuCode, '6', 'not listed']),
    );
    for (const row of rows) {
      assert.equal(row.trouble, 'row-trouble');
      assert.equal(row.cells[4], "Missing at AJIO Check the listing in AJIO's seller panel");
    }
    const missingSkus = new Set(missing.map((l) => l.channelSku));
    const driftRows = page.getByRole('region', { name: 'Drift' }).locator('tbody tr');
    await driftRows.first().waitFor();
    const driftSkus = (await driftRows.locator('td:first-child, th:first-child').allTextContents()).map((c) =>
      c.trim(),
    );
    assert.ok(
      driftSkus.every((sku) => !missingSkus.has(sku)),
      `the missing SKUs are not drift rows: ${driftSkus.join(', ')}`,
    );

    const csv = (await fetchFromPage(page, `/api/reconciliation-reports/${reportId}.csv`)).body
      .toString('utf8')
      .trim()
      .split('\n');
    assert.equal(csv.length, 1 + report.drifted + missing.length);
    for (const l of missing)
      assert.ok(
        csv.some(
          (line) =>
            line.startsWith(`${l.channelSku},${l.skuCode},,6,,no,"The marketplace no longer lists`) &&
            line.endsWith(',missing at the marketplace'),
        ),
        csv.join('\n'),
      );
    await page.context().close();
  });

  test('a viewer sees no Adjust and no Push all, and the API refuses both if forced', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(levelUrl());
    await page.getByRole('region', { name: 'Ledger' }).locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('region', { name: 'Adjust' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Record movement' }).count(), 0);
    await page.goto(`${base}/channels/${f.channelCode}/inventory`);
    await page.getByRole('region', { name: 'Figures per SKU' }).locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Push all now' }).count(), 0);
    await page.getByRole('button', { name: `Explain ${scene.busy.skuCode}` }).click();
    await page.getByTestId('explanation').waitFor();

    // No named functions inside: the page runs the source as tsx compiled it, without tsx's helpers.
    const [adjust, push] = await page.evaluate(
      async (calls) =>
        Promise.all(
          calls.map(async ([url, body]) => {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
            return {
              status: res.status,
              message: ((await res.json()) as { error: { message: string } }).error.message,
            };
          }),
        ),
      [
        [
          '/api/inventory/movements',
          { warehouse: 'MUM1', sku: scene.busy.skuCode, kind: 'adjust', quantity: 100, reason: 'Mine now' },
        ],
        [`/api/channels/${f.channelCode}/inventory/push-all`, {}],
      ] as [string, unknown][],
    );
    assert.equal(adjust.status, 403);
    assert.match(adjust.message, /needs the operator role/);
    assert.equal(push.status, 403);
    assert.equal(
      (await f.call('GET', `/api/inventory/levels/MUM1/${encodeURIComponent(scene.busy.skuCode)}`)).json().onHand,
      13,
    );
    await page.context().close();
  });
});
