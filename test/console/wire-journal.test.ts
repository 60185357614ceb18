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
import { wireJournalSettled } from '../../src/core/wire-journal/recorder.ts';

/**
 * The channel page's Wire journal section: an admin turns it on with a number of days, a pull is
 * captured and the download link appears; an operator sees no such section.
 */
describe('console: wire journal on the channel page', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 1 });
    ui = await openConsole(f.t);
  });
  after(() => closeAll(ui, f));

  test('an admin turns the journal on; a pull is captured and can be downloaded', async () => {
    const operator = await ui.newPage('operator');
    await operator.goto(`${ui.base}/channels/${f.code}`);
    await operator.getByRole('region', { name: 'Contract drift' }).waitFor();
    assert.equal(await operator.getByRole('region', { name: 'Wire journal' }).count(), 0);
    await operator.context().close();

    const admin = await ui.newPage('admin');
    await admin.goto(`${ui.base}/channels/${f.code}`);
    const section = admin.getByRole('region', { name: 'Wire journal' });
    await section.getByTestId('wire-journal-status').getByText(/^Off/).waitFor();
    await section.getByLabel('Capture exchanges with the marketplace').check();
    await section.getByLabel('Keep for (days)').fill('0');
    await section.getByRole('button', { name: 'Save wire journal' }).click();
    await section.getByText(/between 1 and 90 days/).waitFor();
    await section.getByLabel('Keep for (days)').fill('5');
    await section.getByRole('button', { name: 'Save wire journal' }).click();
    await section.getByText('The wire journal is on: exchanges with the marketplace are kept for 5 day(s).').waitFor();
    assert.equal((await f.run('orders'))?.status, 'succeeded');
    await wireJournalSettled();
    await admin.reload();
    await section
      .getByTestId('wire-journal-status')
      .getByText(/^On · [1-9]\d* exchange\(s\) kept/)
      .waitFor();
    const link = section.getByRole('link', { name: 'Download journal (NDJSON)' });
    assert.equal(await link.getAttribute('href'), `/api/channels/${f.code}/wire-journal.ndjson`);
    await screenshot(admin, 'wire-journal');
    await admin.context().close();
  });
});
