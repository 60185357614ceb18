import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  focusedId,
  openConsole,
  screenshot,
  signIn,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The wide screen's navigation: one row (the pack station and a button per group) that does not wrap
 * at a laptop's 1024 px, each group a disclosure (aria-expanded, aria-controls) that opens with the
 * keyboard, closes on Escape with the focus back on its button, on a click outside and on a link
 * followed; the current page's link says aria-current="page" and its group is marked. Role filtering
 * leaves out the links a role may not follow and a group left empty.
 */
describe('console: navigation groups', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let ui: OpenConsole;

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    ui = await openConsole(t);
  });
  after(() => closeAll(ui, t));

  async function pageAt(width: number, height: number, role: 'admin' | 'operator' | 'viewer'): Promise<Page> {
    const page = await (await ui.browser.newContext({ viewport: { width, height } })).newPage();
    await signIn(page, ui.base, role);
    return page;
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const groupButton = (page: Page, name: string) => nav(page).getByRole('button', { name, exact: true });

  test('at 1024 px the bar is one row: the groups, the pack station, who is signed in and Sign out', async () => {
    const page = await pageAt(1024, 768, 'admin');
    try {
      await page.setViewportSize({ width: 1024, height: 768 });
      assert.equal(await page.locator('#nav-menu-button').isVisible(), false, 'no menu button at 1024 px');
      for (const group of ['Floor', 'Stock', 'Channels', 'Office']) await groupButton(page, group).waitFor();
      await nav(page).getByRole('link', { name: 'Pack station', exact: true }).waitFor();
      // One row: every item of the nav sits on the same line, and the bar is as tall as one item (plus its padding).
      const middles = await nav(page)
        .locator(':scope > .nav-pinned > a, :scope > .nav-group > button')
        .evaluateAll((items) =>
          items.map((i) => {
            const box = i.getBoundingClientRect();
            return Math.round(box.top + box.height / 2);
          }),
        );
      assert.equal(middles.length, 5, 'the pack station and the four groups');
      assert.ok(Math.max(...middles) - Math.min(...middles) <= 2, `one row: middles ${middles.join(', ')}`);
      const bar = await page.locator('.topbar').boundingBox();
      const navBox = await nav(page).boundingBox();
      const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
      assert.ok(bar && navBox && signOut);
      assert.ok(bar.height <= 60, `the bar is one row high (${bar.height}px)`);
      assert.ok(Math.abs(signOut.y + signOut.height / 2 - (navBox.y + navBox.height / 2)) < 4, 'Sign out on the row');
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: (globalThis as any).document.documentElement.scrollWidth as number,
        innerWidth: (globalThis as any).innerWidth as number,
      }));
      assert.ok(scrollWidth <= innerWidth, 'nothing sticks out sideways');
    } finally {
      await page.context().close();
    }
  });

  test('a group opens with the keyboard, Escape closes it and the focus returns to its button', async () => {
    const page = await pageAt(1024, 768, 'operator');
    try {
      const stock = groupButton(page, 'Stock');
      assert.equal(await stock.getAttribute('aria-expanded'), 'false');
      const list = page.locator(`#${await stock.getAttribute('aria-controls')}`);
      assert.equal(await list.isVisible(), false);

      await stock.focus();
      await page.keyboard.press('Enter');
      assert.equal(await stock.getAttribute('aria-expanded'), 'true');
      await list.getByRole('link', { name: 'Inventory', exact: true }).waitFor();
      // Tab moves into the open list.
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => (globalThis as any).document.activeElement?.textContent),
        'Inventory',
        'Tab reaches the first link of the open group',
      );
      await page.keyboard.press('Escape');
      assert.equal(await stock.getAttribute('aria-expanded'), 'false');
      assert.equal(await list.isVisible(), false);
      assert.equal(await focusedId(page), 'nav-group-button-stock');

      // Space opens it too; a click outside closes it.
      await page.keyboard.press('Space');
      assert.equal(await stock.getAttribute('aria-expanded'), 'true');
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      assert.equal(await stock.getAttribute('aria-expanded'), 'false');

      // Opening another group closes the first; following a link closes the group and marks the current page.
      await stock.click();
      await groupButton(page, 'Floor').click();
      assert.equal(await stock.getAttribute('aria-expanded'), 'false');
      assert.equal(await groupButton(page, 'Floor').getAttribute('aria-expanded'), 'true');
      await nav(page).getByRole('link', { name: 'Orders', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/orders');
      assert.equal(await groupButton(page, 'Floor').getAttribute('aria-expanded'), 'false');
      assert.equal(
        await groupButton(page, 'Floor').getAttribute('aria-current'),
        'true',
        'the current group is marked',
      );
      assert.equal(await stock.getAttribute('aria-current'), null);
      await groupButton(page, 'Floor').click();
      assert.equal(
        await nav(page).getByRole('link', { name: 'Orders', exact: true }).getAttribute('aria-current'),
        'page',
      );
      await page.keyboard.press('Escape');

      // The pack station is one tap away, in the bar itself.
      await nav(page).getByRole('link', { name: 'Pack station', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/pack');
      assert.equal(
        await nav(page).getByRole('link', { name: 'Pack station', exact: true }).getAttribute('aria-current'),
        'page',
      );
    } finally {
      await page.context().close();
    }
  });

  test('roles: a viewer has no pack station and no Users link; an admin has both', async () => {
    const viewer = await pageAt(1366, 768, 'viewer');
    try {
      await groupButton(viewer, 'Office').waitFor();
      assert.equal(await viewer.locator('#main-nav a[href="/pack"]').count(), 0);
      assert.equal(await viewer.locator('#main-nav a[href="/users"]').count(), 0);
    } finally {
      await viewer.context().close();
    }
    const admin = await pageAt(1366, 768, 'admin');
    try {
      await groupButton(admin, 'Office').click();
      await nav(admin).getByRole('link', { name: 'Users', exact: true }).waitFor();
      await screenshot(admin, 'navigation');
    } finally {
      await admin.context().close();
    }
  });
});
