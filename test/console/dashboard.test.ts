import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The dashboard in Chromium at a laptop's width and a 390 px handheld: both charts drawn (uPlot
 * canvases), the totals and the coverage table with their numbers, no sideways scroll. And one SLA
 * case of the done-when on the orders list: the sandbox clock (Weft's, in this test) 25 h after an
 * open PO shows it as "breached target".
 */
describe('console: dashboard and the SLA clock', { skip: skipWithoutChromium }, () => {
  let f: DispatchFixture;
  let ui: OpenConsole;
  let openPo: string;

  before(async () => {
    ensureConsoleBuilt();
    f = await createDispatchFixture('pglite', { styles: 1 });
    const [a, b] = f.variants;
    for (const v of f.variants) await f.stock(v.sellerSku, 10);
    await f.packThroughApi([{ variant: a, quantity: 2 }]);
    const made = await f.t.call('POST', '/api/manifests', {
      as: 'operator',
      body: { channel: f.code, warehouse: 'MUM1' },
    });
    const dispatched = await f.t.call('POST', `/api/manifests/${made.json().items[0].code}/dispatch`, {
      as: 'operator',
    });
    assert.equal(dispatched.statusCode, 200, dispatched.body);
    openPo = (await f.raisePo([{ sku: b.sellerSku, quantity: 2 }])).po_number;
    await f.run('orders');
    // Pendency of 14 of b on top of the open PO's 2, against 10 on hand: a short pick is coming.
    await f.t.database.query(
      `insert into backorder_lines (channel_id, order_id, order_item_id, channel_sku, sku_id, quantity)
       values ($1, 'CO-D', 'CO-D-1', $2, (select id from skus where code = $3), 14)`,
      [f.channelId, b.sku, b.sellerSku],
    );
    const clock = f.sandbox.sandbox.state.clock;
    f.t.useClock(() => new Date(clock.nowMs()));
    ui = await openConsole(f.t);
  });
  after(() => closeAll(ui, f));

  test('laptop and 390 px: charts drawn, totals and coverage numbers shown, no sideways scroll', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(`${ui.base}/orders`);
    await openNav(page, 'Dashboard');
    await page.waitForURL((url) => url.pathname === '/dashboard');
    for (const size of [
      { width: 1366, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await page.locator('[data-testid="day-chart"] canvas').nth(1).waitFor();
      assert.equal(await page.locator('[data-testid="day-chart"] canvas').count(), 2, 'two charts');
      // 2 of 4 units shipped; the shipped PO dispatched on time, the open one not yet due.
      assert.equal(await page.getByTestId('fill-rate').textContent(), '50.0%');
      assert.equal(await page.getByTestId('on-time').textContent(), '100.0%');
      const rows = page.getByTestId('coverage-table').locator('tbody tr');
      assert.equal(await rows.count(), 1);
      const b = f.variants[1].sellerSku;
      assert.match((await rows.first().textContent()) ?? '', new RegExp(`${b}.*10.*2.*14.*63%.*short pick.*6`));
      const [scroll, inner] = await page.evaluate(() => {
        const g = globalThis as any;
        return [g.document.documentElement.scrollWidth as number, g.innerWidth as number];
      });
      assert.ok(scroll <= inner, `the page is ${scroll}px wide in ${inner}px`);
      if (size.width === 1366) await screenshot(page, 'dashboard');
      else await screenshot(page, 'dashboard-handheld');
    }
  });

  test('orders list: 25 h after the PO the open PO shows "breached target"', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(`${ui.base}/orders?q=${openPo}`);
    const badge = page.getByRole('row').filter({ hasText: openPo }).getByTestId('sla');
    assert.match((await badge.textContent()) ?? '', /^due in \d+ h$/);
    const poDate = new Date((await f.t.call('GET', `/api/orders?q=${openPo}`)).json().items[0].poDate).getTime();
    const clock = f.sandbox.sandbox.state.clock;
    await f.sandbox.control.advanceClock((poDate + 25 * 3_600_000 - clock.nowMs()) / 1000);
    await page.reload();
    await page
      .getByRole('row')
      .filter({ hasText: openPo })
      .getByTestId('sla')
      .filter({ hasText: 'breached target' })
      .waitFor();
    await page.goto(`${ui.base}/orders?sla=breached`);
    await page.getByRole('row').filter({ hasText: openPo }).waitFor();
  });
  test('channel maintenance: the SLA hours are shown, a limit before the target is refused at its field, a good one saved', async () => {
    const page = await ui.newPage('admin');
    await page.goto(`${ui.base}/channels/${f.code}`);
    const target = page.getByLabel('Dispatch target (hours)');
    await target.waitFor();
    assert.equal(await target.inputValue(), '24');
    assert.equal(await page.getByLabel('Dispatch limit (hours)').inputValue(), '48');
    await target.fill('50');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/dispatch limit comes after the target/).waitFor();
    await page.getByLabel('Dispatch limit (hours)').fill('72');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. New settings apply from the next run.').waitFor();
    const saved = (await f.t.call('GET', `/api/channels/${f.code}`)).json().settings.sla;
    assert.deepEqual(saved, { targetHours: 50, limitHours: 72, atRiskHours: 6 });
  });
});
