import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
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
import { workQueuedRun } from '../helpers/sync-runs-work.ts';

/**
 * Sync runs in Chromium: the runs of a channel (the first channel when none is asked for), a run
 * followed live while it is queued and then done, a run with failed records shown with their
 * messages and retried one alone and then all, and a viewer who sees no retry and is refused one.
 * No worker runs in tests: a queued run is worked from its queue job by the real job handler.
 */
describe('console: sync runs', { skip: skipWithoutChromium }, () => {
  let f: ChannelFixture;
  let ui: OpenConsole;
  let base: string;
  let partialRun: number;
  const api = async (path: string) => (await f.t.call('GET', path)).json();

  before(async () => {
    ensureConsoleBuilt();
    f = await createChannelFixture('pglite', { styles: 4, master: (sellerSku) => ({ code: sellerSku }) });
    assert.equal((await f.run('skus')).status, 'succeeded');
    // Two listings AJIO sends without an MRP fail alone; the rest of the pull goes through.
    const variants = f.sandbox.sandbox.state.sellers.get(seller.username)!.catalog.variants;
    const broken = [variants[5], variants[9]];
    const mrps = broken.map((v) => v.mrpPaise);
    for (const v of broken) v.mrpPaise = Number.NaN;
    const run = await f.run('skus');
    assert.deepEqual([run.status, run.failed], ['partial', 2]);
    partialRun = run.id;
    broken.forEach((v, i) => {
      v.mrpPaise = mrps[i];
    });
    ui = await openConsole(f.t);
    ({ base } = ui);
  });
  after(() => closeAll(ui, f));

  const runRows = (page: Page) => page.getByRole('table', { name: 'Sync runs' }).locator('tbody tr');

  test('without a channel the first is shown; a queued run is followed live until it is done', async () => {
    const page = await ui.newPage('operator');
    await openNav(page, 'Sync runs');
    await page.waitForURL((url) => url.searchParams.get('channel') === f.code);
    await runRows(page).nth(1).waitFor();
    assert.equal(await page.getByLabel('Channel').inputValue(), f.code);
    assert.match(
      (await runRows(page).nth(0).textContent()) ?? '',
      new RegExp(`Run ${partialRun}SKU pull.*partial.*2 failed`),
    );

    // Run now on the channel page links to the run, which is watched until it is done.
    await page.goto(`${base}/channels/${f.code}`);
    await page.getByRole('button', { name: 'Run Back orders now' }).click();
    await page
      .getByRole('status')
      .getByRole('link', { name: /^run \d+$/ })
      .click();
    await page.waitForURL(/\/sync-runs\/\d+$/);
    const runId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await page.getByTestId('run-status').textContent(), 'queued');
    const worked = await workQueuedRun(f.t, runId);
    assert.equal(worked.status, 'succeeded', worked.error ?? '');
    // No reload: the page reads a run under way again until it finishes.
    await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
    assert.match((await page.getByTestId('run-counts').textContent()) ?? '', /TriggermanualAsked for/);

    // The runs of one stream, chosen in the picker, kept in the URL.
    await page.locator('.page-head').getByRole('link', { name: 'Sync runs' }).click();
    await page.waitForURL((url) => url.searchParams.get('stream') === 'backorders');
    await page.getByLabel('Stream').selectOption('skus');
    await page.waitForURL(
      (url) => url.searchParams.get('stream') === 'skus' && url.searchParams.get('channel') === f.code,
    );
    await waitForCount(runRows(page), 2);
    await page.context().close();
  });

  test("a run's failed records show the record and the message; one is retried alone, then all the rest", async () => {
    const page = await ui.newPage('operator');
    await page.goto(`${base}/sync-runs?channel=${f.code}&stream=skus`);
    await page.getByRole('link', { name: `Run ${partialRun}` }).click();
    await page.getByTestId('run-status').filter({ hasText: 'partial' }).waitFor();
    const records = page.getByRole('table', { name: 'Failed records' }).locator('tbody tr');
    await records.nth(1).waitFor();
    const failed = (await api(`/api/sync-runs/${partialRun}/records`)).items as {
      id: number;
      recordKey: string;
      message: string;
    }[];
    assert.equal(failed.length, 2);
    for (const [i, r] of failed.entries()) {
      const text = (await records.nth(i).textContent()) ?? '';
      assert.ok(text.includes(r.recordKey) && text.includes(r.message), text);
      assert.match(r.message, /mrp is missing/);
    }
    assert.match((await page.getByTestId('run-counts').textContent()) ?? '', /Failed2/);
    await screenshot(page, 'sync-run');

    await page.getByRole('button', { name: `Retry record ${failed[0].recordKey}` }).click();
    const news = page.getByRole('status').filter({ hasText: `retries record ${failed[0].recordKey}` });
    await news.waitFor();
    const retryOne = Number((await news.getByRole('link').textContent())!.replace('Run ', ''));
    await records
      .nth(0)
      .getByRole('link', { name: `run ${retryOne}` })
      .waitFor();
    const one = await workQueuedRun(f.t, retryOne);
    assert.deepEqual([one.status, one.trigger, one.done, one.failed], ['succeeded', 'retry', 1, 0]);
    assert.equal((await api(`/api/sync-runs/${partialRun}`)).untried, 1, 'only that record was retried');

    await news.getByRole('link').click();
    await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
    assert.match(
      (await page.getByTestId('run-counts').textContent()) ?? '',
      /TriggerretryAsked for.*Records read1 of 1/,
    );
    await page.goBack();
    await page.getByTestId('run-status').filter({ hasText: 'partial' }).waitFor();
    await records
      .nth(0)
      .getByText(/^Retried /)
      .waitFor();
    assert.equal(await page.getByRole('button', { name: `Retry record ${failed[0].recordKey}` }).count(), 0);

    await page.getByRole('button', { name: 'Retry all failed' }).click();
    const allNews = page.getByRole('status').filter({ hasText: 'retries every failed record not yet retried' });
    await allNews.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Retry all failed' }).count(), 0, 'asked once');
    const retryAll = Number((await allNews.getByRole('link').textContent())!.replace('Run ', ''));
    const all = await workQueuedRun(f.t, retryAll);
    assert.deepEqual([all.status, all.done, all.failed], ['succeeded', 1, 0]);
    await page.reload();
    await records
      .nth(1)
      .getByText(/^Retried /)
      .waitFor();
    assert.equal(await page.getByRole('button', { name: /^Retry/ }).count(), 0, 'nothing left to retry');
    await page.context().close();
  });

  test('a viewer reads runs and failed records, sees no retry, and the API refuses one if forced', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(`${base}/sync-runs/${partialRun}`);
    await page.getByRole('table', { name: 'Failed records' }).locator('tbody tr').nth(1).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Retry/ }).count(), 0);
    await page.goto(`${base}/channels/${f.code}`);
    await page
      .getByRole('region', { name: 'Streams' })
      .getByRole('link', { name: /^Run \d+$/ })
      .first()
      .waitFor();
    const forced = await page.evaluate(async (id) => {
      const res = await fetch(`/api/sync-runs/${id}/retry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
    }, partialRun);
    assert.equal(forced.status, 403);
    assert.match(forced.message, /needs the operator role/);
    await page.context().close();
  });

  test('runs narrow to the ones that need a look, and to one outcome of one stream, kept in the URL', async () => {
    // One more failed run: a stream AJIO refuses to log in for.
    await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: 'wrong' } } });
    const failedRun = await f.run('orders');
    assert.equal(failedRun.status, 'failed');
    await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: seller.password } } });
    const runs = (await api(`/api/channels/${f.code}/sync-runs?limit=500`)).items as { id: number; status: string }[];
    const trouble = runs.filter((r) => ['failed', 'partial', 'abandoned'].includes(r.status));
    assert.deepEqual(
      trouble.map((r) => r.id),
      [failedRun.id, partialRun],
    );
    assert.ok(runs.length > trouble.length + 2);

    const page = await ui.newPage('viewer');
    await page.goto(`${base}/sync-runs?channel=${f.code}`);
    await waitForCount(runRows(page), Math.min(runs.length, 25));
    await page.getByLabel('Outcome').selectOption({ label: 'Needs a look (failed, partial, abandoned)' });
    await page.waitForURL((url) => url.searchParams.get('status') === 'failed,partial,abandoned');
    await waitForCount(runRows(page), 2);
    assert.match((await runRows(page).nth(0).textContent()) ?? '', new RegExp(`Run ${failedRun.id}Order pull.*failed`));
    assert.match((await runRows(page).nth(1).textContent()) ?? '', new RegExp(`Run ${partialRun}SKU pull.*partial`));

    // Failed only, then the stream too: the outcome is kept when the stream changes.
    await page.getByLabel('Outcome').selectOption('failed');
    await waitForCount(runRows(page), 1);
    await page.getByLabel('Stream').selectOption('skus');
    await page.waitForURL(
      (url) => url.searchParams.get('stream') === 'skus' && url.searchParams.get('status') === 'failed',
    );
    await page.getByText('No runs match this stream and outcome.').waitFor();
    await page.getByLabel('Outcome').selectOption('succeeded');
    const succeededSkus = runs.filter((r) => r.status === 'succeeded').length;
    assert.ok(succeededSkus > 0);
    await runRows(page).first().waitFor();
    for (const text of await runRows(page).allTextContents()) assert.match(text, /SKU pull.*succeeded/);
    // A reload keeps the filter.
    await page.reload();
    assert.equal(await page.getByLabel('Outcome').inputValue(), 'succeeded');
    assert.equal(await page.getByLabel('Stream').inputValue(), 'skus');
    await page.context().close();
  });
});
