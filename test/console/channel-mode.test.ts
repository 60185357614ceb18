import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The channel page's mode (issue 14) in Chromium: a shadow channel shows its badge and what it would
 * have sent; an admin switches it to canary with a PO allowlist, confirming first (Keep changes
 * nothing); a viewer sees the mode but no control.
 */
describe('console: channel mode', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;
  let po: string;

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 1, mode: 'shadow', inventory: true });
    po = (await f.raisePo([{ sku: f.variants[0].sku, quantity: 1 }])).po_number;
    assert.equal((await f.run('orders')).status, 'succeeded');
    assert.equal((await f.run('inventory')).status, 'succeeded');
    ui = await openConsole(f.t);
  });
  after(() => closeAll(ui, f));

  test('an admin switches shadow to canary after confirming; the change is audited', async () => {
    const page = await ui.newPage('admin');
    await page.goto(`${ui.base}/channels/${f.code}`);
    assert.equal((await page.getByTestId('channel-mode').textContent())?.trim(), 'shadow');
    // What the shadow channel kept back: the inventory update, listed with its request.
    const kept = page.getByTestId('would-send');
    await kept.getByRole('cell', { name: 'inventory update' }).waitFor();
    assert.match((await kept.textContent()) ?? '', /POST \/updateInventory/);

    await page.getByLabel('Channel mode').selectOption('canary');
    await page.getByLabel('Canary POs').fill(po);
    await page.getByRole('button', { name: 'Change mode' }).click();
    const confirm = page.getByRole('group', { name: /Switch channel .* to canary mode\?/ });
    await confirm.waitFor();
    await screenshot(page, 'channel-mode-confirm');
    await confirm.getByRole('button', { name: 'Keep' }).click();
    assert.equal((await f.t.call('GET', `/api/channels/${f.code}`)).json().mode, 'shadow');

    await page.getByRole('button', { name: 'Change mode' }).click();
    await page.getByRole('button', { name: 'Switch to canary' }).click();
    await page.getByText(`Channel ${f.code} is now in canary mode.`).waitFor();
    await page.getByTestId('channel-mode').filter({ hasText: 'canary' }).waitFor();
    const channel = (await f.t.call('GET', `/api/channels/${f.code}`)).json();
    assert.deepEqual([channel.mode, channel.canaryPos], ['canary', [po]]);
    const audited = await f.t.database.query<{ actor: string }>(
      "select actor from audit_log where action = 'change_mode' and entity_id = $1",
      [f.code],
    );
    assert.deepEqual(
      audited.rows.map((r) => r.actor),
      ['admin1'],
    );
    await page.context().close();
  });

  test('a refused allowlist is answered next to its field; nothing changes', async () => {
    const page = await ui.newPage('admin');
    await page.goto(`${ui.base}/channels/${f.code}`);
    await page.getByLabel('Canary SKUs').fill('NOT-A-LISTING');
    await page.getByRole('button', { name: 'Change mode' }).click();
    await page.getByRole('button', { name: /^Switch to / }).click();
    await page.locator('.field-error').filter({ hasText: 'NOT-A-LISTING is not listed on channel' }).waitFor();
    assert.deepEqual((await f.t.call('GET', `/api/channels/${f.code}`)).json().canarySkus, []);
    await page.context().close();
  });

  test('a viewer sees the mode but no control to change it', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(`${ui.base}/channels/${f.code}`);
    await page.getByTestId('channel-mode').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Change mode' }).count(), 0);
    assert.equal((await f.sandbox.control.receivedAll(ordersSeller.username)).nothing, true);
    await page.context().close();
  });
});
