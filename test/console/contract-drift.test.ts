import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  screenshot,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The channel page's Contract drift section: AJIO renamed po_number, the event shows the call, the
 * field and what came; a viewer cannot resolve it, an operator can.
 */
describe('console: contract drift on the channel page', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 1 });
    ui = await openConsole(f.t);
    await f.raisePo([{ sku: f.variants[0].sku, quantity: 1 }]);
    await f.sandbox.control.changeFields({
      route: 'GET /orders',
      path: 'orders[*].po_number',
      action: 'rename',
      to: 'poNumber',
      count: -1,
    });
    const run = await f.run('orders');
    await f.sandbox.control.clearFaults();
    assert.equal(run.failed, 1);
  });
  after(() => closeAll(ui, f));

  test('a viewer sees the event and no button; an operator marks it resolved', async () => {
    const viewer = await ui.newPage('viewer');
    await viewer.goto(`${ui.base}/channels/${f.code}`);
    const section = viewer.getByRole('region', { name: 'Contract drift' });
    const row = section.getByRole('row', { name: /orders\[\*\]\.po_number/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /GET \/orders/);
    assert.match(text, /missing/);
    assert.equal(await section.getByRole('button', { name: 'Mark resolved' }).count(), 0);
    assert.match((await section.textContent()) ?? '', /orders\[\*\]\.poNumber/, 'the unknown field is listed');
    await viewer.context().close();

    const operator = await ui.newPage('operator');
    await operator.goto(`${ui.base}/channels/${f.code}`);
    const mine = operator.getByRole('region', { name: 'Contract drift' });
    await mine.getByRole('row', { name: /orders\[\*\]\.po_number/ }).waitFor();
    await screenshot(operator, 'contract-drift');
    await mine.getByRole('button', { name: 'Mark resolved' }).click();
    await mine.getByText('No drift: every answer matched the contract.').waitFor();
    assert.equal((await f.t.call('GET', `/api/channels/${f.code}/contract-drift`)).json().open, 0);
    await operator.context().close();
  });
});
