import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createChannelFixture, seller, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { waitForCount } from '../helpers/mappings-console.ts';
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
 * The back-orders (pendency) screen in Chromium: per channel SKU what is open and reserved, and the
 * exceptions with their reason; narrowed to exceptions; a SKU's lines. Even catalogue variants have a
 * Weft SKU of the same code, odd ones none, so a back order of an odd one is an exception.
 */
describe('console: back orders', { skip: skipWithoutChromium }, () => {
  let f: ChannelFixture;
  let ui: OpenConsole;
  let mapped: { sku: string; sellerSku: string };
  let unmapped: { sku: string; sellerSku: string };

  before(async () => {
    ensureConsoleBuilt();
    f = await createChannelFixture('pglite', {
      styles: 2,
      master: (sellerSku, _ean, i) => (i % 2 === 0 ? { code: sellerSku } : null),
    });
    assert.equal((await f.run('skus')).status, 'succeeded');
    const variants = f.catalog.flatMap((p) => p.variants);
    [mapped, unmapped] = [variants[0], variants[1]];
    await f.sandbox.control.placeCustomerOrders(seller.username, [
      { lines: [{ sku: mapped.sku, quantity: 2 }] },
      {
        lines: [
          { sku: mapped.sku, quantity: 1 },
          { sku: unmapped.sku, quantity: 4 },
        ],
      },
    ]);
    assert.equal((await f.run('backorders')).status, 'partial');
    ui = await openConsole(f.t);
  });
  after(() => closeAll(ui, f));

  test('open and reserved per SKU, exceptions with their reason, narrowed to exceptions, and a SKU’s lines', async () => {
    const page = await ui.newPage('viewer');
    await openNav(page, 'Back orders');
    await page.waitForURL((url) => url.pathname === '/back-orders' && url.searchParams.get('channel') === f.code);
    const rows = page.getByRole('table', { name: 'Back orders by SKU' }).locator('tbody tr');
    await waitForCount(rows, 2);
    const reason = `AJIO SKU ${unmapped.sku} is not mapped to a Weft SKU: link it under Channel mappings, then retry.`;
    const texts = await rows.allTextContents();
    const open = texts.find((t) => t.startsWith(mapped.sku))!;
    assert.ok(open, texts.join('\n'));
    assert.match(open, new RegExp(`${mapped.sku}${mapped.sellerSku}3 in 2 line\\(s\\)3—`));
    const exception = texts.find((t) => t.startsWith(unmapped.sku))!;
    assert.ok(exception.includes('not mapped') && exception.includes('4 in 1 line(s)'), exception);
    assert.ok(exception.includes(reason), exception);
    assert.equal(
      await rows.filter({ hasText: unmapped.sku }).getAttribute('class'),
      'row-trouble',
      'an exception stands out',
    );
    await screenshot(page, 'back-orders');

    await page.getByLabel('Show').selectOption('exception');
    await page.waitForURL((url) => url.searchParams.get('show') === 'exception');
    await waitForCount(rows, 1);
    assert.ok(((await rows.first().textContent()) ?? '').includes(reason));

    // The lines of the exception's SKU, with the reason on each.
    await page.getByRole('link', { name: unmapped.sku, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('sku') === unmapped.sku);
    const lines = page.getByRole('table', { name: `Back-order lines of ${unmapped.sku}` }).locator('tbody tr');
    await waitForCount(lines, 1);
    const line = (await lines.first().textContent()) ?? '';
    assert.ok(line.includes('exception') && line.includes(reason), line);
    await page.getByLabel('Line status').selectOption('open');
    await page.getByText('No lines of this SKU in that status.').waitFor();
    await page.context().close();
  });
});
