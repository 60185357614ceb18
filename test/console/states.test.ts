import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Route } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Loading, empty and failed told apart in Chromium: while a list's request is held it says "Loading…"
 * (a status, the table busy) and never its empty text; with Weft unreachable (the connection refused, a
 * gateway's 502, the server stopped) it shows only "No connection to Weft" with Retry — not the empty
 * text, and not the words of a refusal; Retry then loads it; the empty text comes only after a load
 * that succeeded.
 */
const noConnection = 'No connection to Weft — check the network and retry.';
const ordersEmpty = 'No orders match these filters.';

describe('console: loading, empty and failed states', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    ui = await openConsole(t);
  });
  after(() => closeAll(ui, t));

  /** Opens a screen of the console by its navigation link, so the console itself is already loaded. */
  async function openList(page: Page, link: string) {
    await openNav(page, link);
  }

  test('while the request is held: Loading… (a status, the table busy), never the empty text', async () => {
    const page = await ui.newPage('viewer');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/orders(\?|$)/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await openList(page, 'Orders');
    const loading = page.getByRole('status').filter({ hasText: 'Loading…' });
    await loading.waitFor();
    assert.equal(await page.locator('.table-wrap[aria-busy="true"]').count(), 1, 'the table says it is busy');
    assert.equal(await page.getByText(ordersEmpty).count(), 0, 'no empty text while loading');
    release();
    await page.getByText(ordersEmpty).waitFor();
    assert.equal(await loading.count(), 0, 'Loading… gone once loaded');
    assert.equal(await page.locator('.table-wrap[aria-busy="true"]').count(), 0);
    await page.context().close();
  });

  test('Weft unreachable: only "No connection" with Retry, never the empty text or "refused"; Retry loads it', async () => {
    const page = await ui.newPage('viewer');
    await page.route(/\/api\/orders(\?|$)/, (route: Route) => route.abort('connectionrefused'));
    await openList(page, 'Orders');
    const failed = page.getByRole('alert').filter({ hasText: noConnection });
    await failed.waitFor();
    assert.equal(await page.getByText(ordersEmpty).count(), 0, 'the failure is not called an empty list');
    assert.equal(await page.getByText(/refus/i).count(), 0, 'a lost connection is not a refusal');
    assert.equal(await page.getByRole('status').filter({ hasText: 'Loading…' }).count(), 0);

    await page.unroute(/\/api\/orders(\?|$)/);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByText(ordersEmpty).waitFor();
    assert.equal(await failed.count(), 0, 'the failure is gone once loaded');
    await page.context().close();
  });

  test("a gateway's 502 is no connection too; a page loaded with useLoad shows it with Retry, not its empty text", async () => {
    const page = await ui.newPage('admin');
    let down = true;
    await page.route(/\/api\/users(\?|$)/, (route: Route) =>
      down
        ? route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' })
        : route.continue(),
    );
    await openList(page, 'Users');
    const failed = page.getByRole('alert').filter({ hasText: noConnection });
    await failed.waitFor();
    assert.equal(await page.getByText('No users yet.').count(), 0);
    down = false;
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('user-admin1').waitFor();
    assert.equal(await failed.count(), 0);
    await page.context().close();
  });

  test('the server stopped: a list opened after says "No connection" with Retry, not the empty text', async () => {
    const page = await ui.newPage('viewer');
    await page.getByTestId('whoami').waitFor();
    await t.app.close();
    await openList(page, 'Orders');
    await page.getByRole('alert').filter({ hasText: noConnection }).getByRole('button', { name: 'Retry' }).waitFor();
    assert.equal(await page.getByText(ordersEmpty).count(), 0);
    await page.context().close();
  });
});
