import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createInventoryFixture, seller, type InventoryFixture } from '../helpers/inventory-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The Go-live report screen: reached from the channel page, "Ready to go live?" on top with its
 * blocking items, then the SKU, PO and would-send tables and their CSV links — at a laptop's width and
 * at a handheld's 390 px, where the tables stack and nothing scrolls sideways.
 */
describe('console: go-live report', { skip: skipWithoutChromium }, () => {
  let f: InventoryFixture;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    f = await createInventoryFixture('pglite', { styles: 1 });
    const [buffered, unmapped] = f.listings;
    await f.setOnHand(buffered, 10);
    await f.database.query('update channel_listings set buffer = 2 where id = $1', [buffered.listingId]);
    await f.database.query('update channel_listings set sku_id = null where id = $1', [unmapped.listingId]);
    await f.database.query("update channels set mode = 'shadow' where id = $1", [f.channelId]);
    await f.database.query(
      `insert into would_send_log (channel_id, call, method, path, body, subject_kind, subject, mode)
       values ($1, 'inventory', 'POST', '/updateInventory', $2, 'sku', $3, 'shadow')`,
      [
        f.channelId,
        JSON.stringify({ inventoryList: [{ sku: buffered.channelSku, inventory: 8 }] }),
        buffered.channelSku,
      ],
    );
    const token = await f.sandbox.login(seller.username, seller.password);
    await fetch(`${f.sandbox.url}/updateInventory`, {
      method: 'POST',
      headers: { apiKey: token, 'content-type': 'application/json' },
      body: JSON.stringify({
        inventoryList: [
          { sku: buffered.channelSku, productId: buffered.productId, variantId: buffered.variantId, inventory: 5 },
        ],
      }),
    });
    ui = await openConsole(f);
  });
  after(() => closeAll(ui, f));

  for (const size of [
    { name: 'laptop', width: 1366, height: 768 },
    { name: 'handheld', width: 390, height: 844 },
  ]) {
    test(`at ${size.name} width: summary with blocking items, the tables and CSV links`, async () => {
      const page = await ui.newPage('viewer');
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${ui.base}/channels/${f.channelCode}`);
      await page.getByRole('link', { name: 'Go-live report' }).click();
      await page.waitForURL(/\/go-live$/);
      const verdict = page.getByTestId('cutover-verdict');
      await verdict.waitFor();
      assert.equal(await verdict.textContent(), 'Not ready: 2 items block going live.');
      const blocking = (await page.getByTestId('cutover-blocking').textContent()) ?? '';
      assert.match(blocking, /1 AJIO JIT \(B2B\) SKU is not mapped to a Weft SKU/);
      assert.match(blocking, /Weft would raise AJIO JIT \(B2B\)'s figure for 1 SKU/);
      assert.match(blocking, /What to do: .*Channel mappings/);
      assert.match(
        (await page.getByTestId('cutover-coverage').textContent()) ?? '',
        new RegExp(`${f.listings.length - 1} of ${f.listings.length}`),
      );
      const skuRow = page.getByTestId('cutover-skus').getByRole('row', { name: new RegExp(f.listings[0].channelSku) });
      const rowText = (await skuRow.textContent()) ?? '';
      assert.match(rowText, /Weft higher/);
      assert.match(rowText, /on hand 10, buffer −2/);
      assert.match((await page.getByTestId('cutover-would-send-counts').textContent()) ?? '', /inventory: 1/);
      assert.equal(await page.getByTestId('cutover-would-send').getByRole('row').count(), 2);
      for (const [name, section] of [
        ['Download SKUs CSV', 'skus'],
        ['Download POs CSV', 'pos'],
        ['Download would-send CSV', 'would-send'],
      ]) {
        const href = await page.getByRole('link', { name }).getAttribute('href');
        assert.equal(href, `/api/channels/${f.channelCode}/cutover-report.csv?section=${section}&hours=24`);
      }
      const csv = await page.evaluate(
        async (url) => (await fetch(url)).text(),
        `/api/channels/${f.channelCode}/cutover-report.csv?section=skus&hours=24`,
      );
      assert.match(csv.split('\n')[0], /^channel_sku,weft_sku,weft_qty,marketplace_qty/);
      const sideways = await page.evaluate(() => {
        const g = globalThis as any;
        return (g.document.documentElement.scrollWidth as number) > (g.innerWidth as number);
      });
      assert.equal(sideways, false, 'nothing scrolls sideways');
      const cell = page.getByTestId('cutover-skus').locator('tbody td').first();
      const display = await cell.evaluate((el) => (globalThis as any).getComputedStyle(el).display as string);
      if (size.name === 'handheld') assert.notEqual(display, 'table-cell', 'rows stack on a handheld');
      else assert.equal(display, 'table-cell');
      await screenshot(page, `go-live-report-${size.name}`);
      await page.context().close();
    });
  }
  test('the channel list shows open contract drift after a field fault, red while current', async () => {
    await f.sandbox.control.changeFields({
      route: 'GET /products',
      path: 'products[*].variants[*].inventory',
      action: 'drop',
      count: -1,
    });
    const read = await f.call('GET', `/api/channels/${f.channelCode}/cutover-report`);
    await f.sandbox.control.clearFaults();
    assert.equal(read.statusCode, 200, read.body);
    const page = await ui.newPage('viewer');
    await page.goto(`${ui.base}/channels`);
    const row = page.getByRole('row', { name: new RegExp(f.channelCode) });
    const cell = row.getByTestId('drift');
    await cell.waitFor();
    assert.match((await cell.textContent()) ?? '', /^1 drift event last seen/);
    assert.equal(await cell.locator('.badge-failing').count(), 1);
    assert.match(
      (await page.getByRole('alert').filter({ hasText: 'drift from the contract' }).textContent()) ?? '',
      new RegExp(`${f.channelCode}: .*drift from the contract`),
    );
    await page.context().close();
  });
});
