import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller } from '../helpers/orders-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  signIn,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Every screen of the console under axe-core (from npm, injected into the page) at a laptop's
 * 1366×768 and a handheld's 412×915, with data on every list: a channel, orders packed and shipped, a
 * picklist, a manifest dispatched, a return, sync runs, a reconciliation report, users. No serious or
 * critical violation is allowed. On the handheld the page must not scroll sideways, and every
 * navigation link must be reachable through the menu button.
 */
const axePath = join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

const sizes = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'handheld', width: 412, height: 915 },
] as const;

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** axe's explanation for the first node. */
  why: string;
}

/** Runs axe on the page as it is; answers the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n: any) => String(n.target.join(' '))),
      why: String(v.nodes[0]?.any?.[0]?.message ?? v.nodes[0]?.failureSummary ?? ''),
    }));
  });
  return (found as Finding[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeFindings = (found: Finding[]) =>
  found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(' | ')} — ${v.why}`).join('\n');

/** Waits until the screen has loaded what it shows: no "Loading…" and nothing busy. */
async function settled(page: Page) {
  await page.locator('main').waitFor();
  await page.waitForFunction(() => {
    const d = (globalThis as any).document;
    return !d.querySelector('[aria-busy="true"]') && !/Loading…/.test(d.querySelector('main')?.textContent ?? '');
  });
}

describe('console: accessibility and layout on every screen', { skip: skipWithoutChromium }, () => {
  let f: DispatchFixture;
  let ui: OpenConsole;
  const screens: { name: string; path: string }[] = [];

  before(async () => {
    ensureConsoleBuilt();
    f = await createDispatchFixture('pglite', { styles: 2 });
    for (const v of f.variants.slice(0, 3)) await f.stock(v.sellerSku, 10);
    const shipped = await f.packThroughApi([{ variant: f.variants[0], quantity: 2 }]);
    const packed = await f.packThroughApi([{ variant: f.variants[1], quantity: 1 }]);
    // An open PO on a picklist, waiting at the pack station.
    const open = await f.raisePo([{ sku: f.variants[2].sellerSku, quantity: 3 }]);
    await f.run('orders');
    const openId = (await f.t.call('GET', `/api/orders?q=${open.po_number}`)).json().items[0].id as number;
    const picked = await f.t.call('POST', '/api/picklists', {
      as: 'operator',
      body: { warehouse: 'MUM1', channel: f.code },
    });
    assert.ok(picked.statusCode < 300, picked.body);
    // A manifest dispatched to AJIO; the first PO returned by the customer and pulled back.
    const made = await f.t.call('POST', '/api/manifests', {
      as: 'operator',
      body: { channel: f.code, warehouse: 'MUM1' },
    });
    assert.equal(made.statusCode, 201, made.body);
    const manifest = made.json().items[0].code as string;
    assert.ok(manifest, made.body);
    const dispatched = await f.t.call('POST', `/api/manifests/${manifest}/dispatch`, { as: 'operator' });
    assert.ok(dispatched.statusCode < 300, dispatched.body);
    await f.t.database.query(
      `update channels set settings = settings || jsonb_build_object(
        'orders', coalesce(settings->'orders', '{}') || '{"returnOrderSync": true}',
        'inventory', coalesce(settings->'inventory', '{}') || '{"enabled": true}',
        'reconciliation', coalesce(settings->'reconciliation', '{}') || '{"enabled": true}') where id = $1`,
      [f.channelId],
    );
    await f.sandbox.control.createReturns(ordersSeller.username, [
      { po_number: shipped.poNumber, sku: f.variants[0].sku, quantity: 1, reason: 'SIZE_ISSUE' },
    ]);
    const returned = await f.run('returns');
    assert.equal(returned.status, 'succeeded', returned.error ?? '');
    const reconciled = await f.run('reconcile');
    assert.equal(reconciled.status, 'succeeded', reconciled.error ?? '');

    const first = async (url: string) => {
      const got = await f.t.call('GET', url);
      assert.equal(got.statusCode, 200, got.body);
      const items = got.json().items as any[];
      assert.ok(items.length > 0, `${url} has something to show`);
      return items[0];
    };
    const picklist = await first('/api/picklists');
    const ret = await first('/api/returns');
    const report = await first(`/api/channels/${f.code}/reconciliation-reports`);
    screens.push(
      { name: 'channels', path: '/channels' },
      { name: 'add channel', path: '/channels/new' },
      { name: 'channel', path: `/channels/${f.code}` },
      { name: 'mappings', path: `/channels/${f.code}/mappings` },
      { name: 'channel inventory', path: `/channels/${f.code}/inventory` },
      { name: 'go-live report', path: `/channels/${f.code}/go-live` },
      { name: 'back orders', path: '/back-orders' },
      { name: 'dashboard', path: '/dashboard' },
      { name: 'sync runs', path: '/sync-runs' },
      { name: 'sync run', path: `/sync-runs/${returned.id}` },
      { name: 'orders', path: '/orders' },
      { name: 'order', path: `/orders/${packed.id}` },
      { name: 'picklists', path: '/picklists' },
      { name: 'picklist', path: `/picklists/${picklist.code}` },
      { name: 'pack station', path: '/pack' },
      { name: 'pack station on a PO', path: `/pack/${openId}` },
      { name: 'manifests', path: '/manifests' },
      { name: 'manifest', path: `/manifests/${manifest}` },
      { name: 'inventory', path: '/inventory' },
      { name: 'stock import', path: '/inventory/import' },
      { name: 'inventory item', path: `/inventory/MUM1/${f.variants[0].sellerSku}` },
      { name: 'reconciliation report', path: `/reconciliation-reports/${report.id}` },
      { name: 'returns', path: '/returns' },
      { name: 'return', path: `/returns/${ret.id}` },
      { name: 'GST register', path: '/gst-register' },
      { name: 'users', path: '/users' },
      { name: 'warehouses', path: '/warehouses' },
      { name: 'warehouse being edited', path: '/warehouses?edit=MUM1' },
      { name: 'SKU master', path: '/skus' },
      { name: 'SKU being edited', path: `/skus?sku=${encodeURIComponent(f.variants[0].sellerSku)}` },
      { name: 'listing buffers', path: '/buffers' },
      { name: 'alerts', path: '/alerts' },
      { name: 'alert settings', path: '/settings/alerts' },
    );
    ui = await openConsole(f.t);
  });
  after(() => closeAll(ui, f));

  test('the walk covers every page the console routes (a new screen cannot escape it)', () => {
    const routes = readFileSync(new URL('../../web/src/routes.tsx', import.meta.url), 'utf8');
    const patterns = [...routes.matchAll(/route\('([^']+)'/g)].map((m) => m[1]).filter((p) => p !== '/');
    assert.ok(patterns.length >= 20, 'the route table is read');
    const unwalked = patterns.filter((pattern) => {
      const shape = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      return !screens.some((screen) => shape.test(screen.path));
    });
    assert.deepEqual(unwalked, [], 'pages no screen of this walk opens: add them to the list');
  });

  for (const size of sizes) {
    test(`every screen at ${size.width}×${size.height}: no serious or critical axe violation`, async () => {
      const context = await ui.browser.newContext({
        viewport: { width: size.width, height: size.height },
        bypassCSP: true,
      });
      const page = await context.newPage();
      try {
        const problems: string[] = [];
        await page.goto(`${ui.base}/`);
        await page.getByLabel('Username').waitFor();
        const signInFound = await seriousViolations(page);
        if (signInFound.length) problems.push(`sign-in:\n${describeFindings(signInFound)}`);
        await signIn(page, ui.base, 'admin');
        for (const screen of screens) {
          await page.goto(`${ui.base}${screen.path}`);
          await settled(page);
          const found = await seriousViolations(page);
          if (found.length) problems.push(`${screen.name} (${screen.path}):\n${describeFindings(found)}`);
          if (size.name === 'handheld') {
            const { scrollWidth, innerWidth } = await page.evaluate(() => ({
              scrollWidth: (globalThis as any).document.documentElement.scrollWidth as number,
              innerWidth: (globalThis as any).innerWidth as number,
            }));
            if (scrollWidth > innerWidth)
              problems.push(`${screen.name} (${screen.path}): the page is ${scrollWidth}px wide in ${innerWidth}px`);
          }
          if (screen.path === '/orders' && process.env.WEFT_SCREENSHOTS) {
            mkdirSync(process.env.WEFT_SCREENSHOTS, { recursive: true });
            await page.screenshot({
              path: join(process.env.WEFT_SCREENSHOTS, `orders-${size.width}x${size.height}.png`),
              fullPage: true,
            });
          }
        }
        assert.deepEqual(problems, [], `serious or critical problems:\n${problems.join('\n\n')}`);
      } finally {
        await context.close();
      }
    });
  }

  test('on the handheld the navigation is a menu: every link reachable, Escape closes it, focus returns', async () => {
    const context = await ui.browser.newContext({ viewport: { width: 412, height: 915 }, bypassCSP: true });
    const page = await context.newPage();
    try {
      await signIn(page, ui.base, 'admin');
      const menu = page.getByRole('button', { name: 'Menu' });
      await menu.waitFor();
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      const nav = page.getByRole('navigation', { name: 'Main' });
      assert.equal(await nav.isVisible(), false, 'the links are folded away until the menu is opened');
      const controls = await menu.getAttribute('aria-controls');
      assert.ok(controls, 'the menu button names what it opens');

      await menu.click();
      assert.equal(await menu.getAttribute('aria-expanded'), 'true');
      assert.equal(await nav.getAttribute('id'), controls);
      const labels = await nav.getByRole('link').allInnerTexts();
      // Every entry of the navigation (read from Layout.tsx, so a new screen is covered) is in the menu.
      const layout = readFileSync(new URL('../../web/src/components/Layout.tsx', import.meta.url), 'utf8');
      const entries = [...layout.matchAll(/\{ to: '[^']+', label: '([^']+)', role: '[a-z]+', group: '[^']+' \}/g)].map(
        (m) => m[1],
      );
      assert.ok(entries.length >= 10, 'the navigation entries are read');
      assert.deepEqual(labels.map((l) => l.trim()).sort(), entries.sort());
      // The links sit under their groups' headings (the group buttons are the wide screen's).
      for (const group of ['Floor', 'Stock', 'Channels', 'Office'])
        assert.ok(await nav.locator('.nav-group-heading', { hasText: group }).isVisible(), `${group} heading shown`);
      assert.equal(await nav.locator('.nav-group-button').first().isVisible(), false);
      await page.keyboard.press('Escape');
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      assert.equal(await nav.isVisible(), false);
      assert.equal(await page.evaluate(() => (globalThis as any).document.activeElement?.id), 'nav-menu-button');

      // Every link, opened through the menu, is on screen and leads to its screen; the menu then closes.
      for (const label of labels) {
        await menu.click();
        const link = nav.getByRole('link', { name: label.trim(), exact: true });
        const box = await link.boundingBox();
        assert.ok(box, `${label} is shown`);
        assert.ok(
          box.x >= 0 && box.x + box.width <= 412 && box.y >= 0 && box.y + box.height <= 915,
          `${label} on screen`,
        );
        const href = await link.getAttribute('href');
        await link.click();
        await page.waitForURL((url) => url.pathname.startsWith(href!));
        assert.equal(await menu.getAttribute('aria-expanded'), 'false', `the menu closes after ${label}`);
      }
      await menu.click();
      const signOut = page.getByRole('button', { name: 'Sign out' });
      assert.ok(await signOut.isVisible(), 'Sign out is reachable through the menu');
    } finally {
      await context.close();
    }
  });
});
