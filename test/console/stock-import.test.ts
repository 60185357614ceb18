import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  signIn,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Importing stock counts in Chromium, at a laptop's 1366×768 and a phone's 390×844: from the inventory
 * page to the import screen, a file checked (every bad line with all its problems, what would change,
 * nothing applied), then applied (on hand equals the counts); the same file again is recognised and
 * changes nothing; a viewer is offered no import.
 */
const sizes = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe('console: stock count import', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    for (const code of ['MUM1', 'DEL1']) {
      const made = await t.call('POST', '/api/warehouses', {
        body: { code, name: code, stateCode: code === 'MUM1' ? '27' : '07', pincode: '421302' },
      });
      assert.equal(made.statusCode, 201, made.body);
    }
    const skus = await t.call('POST', '/api/skus/import', {
      body: 'code,name,mrp\nTEE-S,Tee S,499\nTEE-M,Tee M,499\nTEE-L,Tee L,499\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(skus.statusCode, 200, skus.body);
    ui = await openConsole(t);
  });
  after(() => closeAll(ui, t));

  const onHand = async (warehouse: string, sku: string) => {
    const got = await t.call('GET', `/api/inventory/levels/${warehouse}/${sku}`);
    return got.json().onHand as number;
  };

  const pageAt = async (size: (typeof sizes)[number], role: 'operator' | 'viewer' = 'operator') => {
    const context = await ui.browser.newContext({ viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();
    await signIn(page, ui.base, role);
    return page;
  };

  const fitsWidth = (page: Page) =>
    page.evaluate(() => {
      const d = (globalThis as any).document;
      return d.documentElement.scrollWidth <= (globalThis as any).innerWidth;
    });

  const choose = (page: Page, name: string, text: string) =>
    page.getByLabel('Counts CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  for (const [i, size] of sizes.entries()) {
    test(`${size.name}: upload, check (every problem shown, nothing applied), apply; the same file again changes nothing`, async () => {
      const warehouse = i === 0 ? 'MUM1' : 'DEL1';
      const page = await pageAt(size);
      await page.goto(`${ui.base}/inventory`);
      await page.getByRole('link', { name: 'Import counts' }).click();
      await page.getByRole('heading', { name: 'Import stock counts' }).waitFor();

      // Checking with no file says what to choose, next to the field.
      await page.getByRole('button', { name: 'Check file' }).click();
      await page.getByText('Choose the CSV file of counts').waitFor();

      const file = [
        'warehouse,sku,quantity,reason',
        `${warehouse},TEE-S,12,opening stock`,
        `${warehouse},TEE-M,4`,
        'PUN9,NOPE,-1',
        `${warehouse},TEE-L,lots,a,b`,
      ].join('\n');
      await choose(page, `count-${size.name}.csv`, file);
      await page.getByRole('button', { name: 'Check file' }).click();
      const result = page.getByTestId('stock-import-result');
      await result.getByRole('heading', { name: 'Checked — nothing applied yet' }).waitFor();
      const refused = result.getByRole('table', { name: /Refused lines/ });
      const line4 = refused.locator('tr', { hasText: 'PUN9' });
      // All three problems of line 4, and both of line 5.
      for (const text of [
        /quantity "-1" is not a whole number/,
        /warehouse PUN9 is not known/,
        /SKU NOPE is not known/,
      ])
        await line4.getByText(text).waitFor();
      const line5 = refused.locator('tr', { hasText: 'TEE-L' });
      await line5.getByText(/quantity "lots" is not a whole number/).waitFor();
      await line5.getByText(/too many columns/).waitFor();
      const changes = result.getByRole('table', { name: 'What would change' });
      assert.deepEqual(
        (await changes.locator('tbody tr').first().locator('td').allTextContents()).map((c) => c.trim()),
        ['2', warehouse, 'TEE-S', '0', '12', '+12'],
      );
      assert.equal(await onHand(warehouse, 'TEE-S'), 0, 'checking applies nothing');
      assert.ok(await fitsWidth(page), `no sideways scrolling at ${size.width} px with the result shown`);
      await screenshot(page, `stock-import-check-${size.name}`);

      await page.getByRole('button', { name: 'Apply 2 line(s)' }).click();
      await result.getByRole('heading', { name: 'Applied' }).waitFor();
      await result.getByText(/2 lines of 4 applied: 2 levels changed/).waitFor();
      await result.getByRole('table', { name: 'What changed' }).waitFor();
      assert.equal(await onHand(warehouse, 'TEE-S'), 12);
      assert.equal(await onHand(warehouse, 'TEE-M'), 4);
      assert.equal(
        await page.getByRole('button', { name: /^Apply/ }).count(),
        0,
        'an applied batch offers no second apply',
      );
      assert.ok(await fitsWidth(page));
      await screenshot(page, `stock-import-applied-${size.name}`);

      // The same file again: recognised by its content, nothing to apply.
      await page.goto(`${ui.base}/inventory/import`);
      await choose(page, `again-${size.name}.csv`, file);
      await page.getByRole('button', { name: 'Check file' }).click();
      await result.getByRole('heading', { name: 'Already imported — nothing changed' }).waitFor();
      await result.getByText(/was already applied on .*: nothing changed now/).waitFor();
      assert.equal(await page.getByRole('button', { name: /^Apply/ }).count(), 0);
      assert.equal(await onHand(warehouse, 'TEE-S'), 12);
      await page.context().close();
    });
  }

  test('a file that cannot be read is refused whole, naming the line; a viewer is offered no import', async () => {
    const page = await pageAt(sizes[0]);
    await page.goto(`${ui.base}/inventory/import`);
    await choose(page, 'broken.csv', 'warehouse,sku,quantity\nMUM1,"TEE-S,3\n');
    await page.getByRole('button', { name: 'Check file' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /cannot be read at line 2/ })
      .waitFor();
    await page.context().close();

    const viewer = await pageAt(sizes[0], 'viewer');
    await viewer.goto(`${ui.base}/inventory`);
    await viewer.getByRole('heading', { name: 'Inventory', exact: true }).waitFor();
    assert.equal(await viewer.getByRole('link', { name: 'Import counts' }).count(), 0);
    await viewer.context().close();
  });
});
