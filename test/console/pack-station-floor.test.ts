import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createOrdersFixture, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { createInventoryFixture, seller, type InventoryFixture, type Listing } from '../helpers/inventory-fixture.ts';
import { dispatchAtAjio } from '../helpers/dispatch-at-ajio.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  expectCue,
  focusedId,
  openConsole,
  screenshot,
  signIn,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The pack and return stations on the warehouse floor, on a 412×915 handheld: a burst of scans typed
 * 10 ms apart, as a hardware scanner types, is answered scan by scan with nothing lost; the next PO
 * scanned right after Finish opens; a finish while AJIO cannot issue the invoice holds the carton in
 * amber and shelves the order until its documents arrive; a lost connection keeps the scan; and
 * axe-core finds nothing serious on either station, on the handheld or on a laptop.
 */
const handheld = { width: 412, height: 915 };
const laptop = { width: 1366, height: 768 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types each code into the focused scan input and presses Enter, 10 ms between keys, without waiting for answers. */
async function burst(page: Page, codes: string[]) {
  for (const code of codes) {
    await page.keyboard.type(code, { delay: 10 });
    await sleep(10);
    await page.keyboard.press('Enter');
    await sleep(10);
  }
}

/** The station's answers, oldest first, as their titles read. */
async function answers(page: Page): Promise<string[]> {
  const items = await page.getByTestId('scan-answers').locator('li').allTextContents();
  return items.map((t) => t.replace(/^[✓✕!⚠]\s*/, '').trim()).reverse();
}

/** axe-core (from npm) on the page's main content: the serious and critical violations, as "rule: target". */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<any> } }).axe;
    const result = await axe.run({ include: [['main']] }, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
  return found;
}

/** Elements of the main content reaching past the handheld's right edge (the station must fit its width). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const doc = (globalThis as any).document;
    const main = doc.querySelector('main');
    const wide = [...main.querySelectorAll('*')]
      .filter((e: any) => e.getBoundingClientRect().right > width + 0.5)
      .map((e: any) => `${e.tagName}.${e.className}`);
    return main.scrollWidth > main.clientWidth ? ['main scrolls sideways', ...wide] : wide;
  }, handheld.width);
}

async function pageAt(ui: OpenConsole, viewport: { width: number; height: number }) {
  const page = await (
    await ui.browser.newContext({ viewport, hasTouch: viewport.width < 600, bypassCSP: true })
  ).newPage();
  await signIn(page, ui.base, 'operator');
  return page;
}

describe('console: the pack station on the floor (412×915)', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;
  let page: Page;
  let po: { first: string; second: string; third: string };
  const ids: Record<string, number> = {};

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 2 });
    const first = await f.raisePo([
      { sku: f.variants[0].sellerSku, quantity: 2 },
      { sku: f.variants[1].sellerSku, quantity: 1 },
    ]);
    const second = await f.raisePo([{ sku: f.variants[2].sellerSku, quantity: 1 }]);
    const third = await f.raisePo([{ sku: f.variants[3].sellerSku, quantity: 1 }]);
    po = { first: first.po_number, second: second.po_number, third: third.po_number };
    assert.equal((await f.run('orders')).status, 'succeeded');
    for (const n of Object.values(po)) {
      ids[n] = (await f.t.call('GET', `/api/orders?q=${n}`)).json().items[0].id;
    }
    ui = await openConsole(f.t);
    page = await pageAt(ui, handheld);
  });
  after(() => closeAll(ui, f));

  const packState = async (poNumber: string) => (await f.t.call('GET', `/api/orders/${ids[poNumber]}/pack`)).json();

  test('a burst of scans 10 ms apart is answered in order with nothing lost; the next PO opens right after Finish', async () => {
    await page.goto(`${ui.base}/pack`);
    await page.getByLabel('Scan the PO number').waitFor();
    assert.equal(await focusedId(page), 'scan');
    assert.equal(
      await page.locator('#scan').getAttribute('inputmode'),
      'none',
      'a scanner does not raise the keyboard',
    );

    const [a, b] = f.variants;
    await burst(page, [po.first, 'LPN-7001', a.ean, a.ean, b.sellerSku, a.ean, '700']);
    await page.keyboard.press('Alt+F');
    await burst(page, [po.second]);
    await expectCue(page, new RegExp(`PO ${po.second} — opened`), 20_000);

    assert.deepEqual(await answers(page), [
      `PO ${po.first} — opened`,
      'Box LPN-7001 — opened',
      `EAN ${a.ean} — 1 of 2 packed`,
      `EAN ${a.ean} — 2 of 2 packed`,
      `SKU ${b.sellerSku} — 1 of 1 packed`,
      `EAN ${a.ean} — one too many`,
      'Weight 700 g — box closed',
      `PO ${po.first} — packed, documents ready`,
      `PO ${po.second} — opened`,
    ]);
    const first = await packState(po.first);
    assert.equal(first.status, 'ready_to_ship');
    assert.equal(first.unitsRemaining, 0);
    assert.deepEqual(
      first.lines.map((l: { packed: number }) => l.packed),
      [2, 1],
    );
    assert.deepEqual(
      first.boxes.map((x: { boxCode: string; weightGrams: number }) => [x.boxCode, x.weightGrams]),
      [['LPN-7001', 700]],
    );
    assert.equal(new URL(page.url()).pathname, `/pack/${ids[po.second]}`);
    await page.getByRole('heading', { name: `Pack station: PO ${po.second}` }).waitFor();
  });

  test('the handheld layout: scan input, step, what is left and the last answer on the first screen; lines stacked', async () => {
    for (const testId of ['pack-next', 'pack-left', 'pack-cue']) {
      const box = await page.getByTestId(testId).boundingBox();
      assert.ok(box, testId);
      assert.ok(box.y + box.height <= handheld.height, `${testId} is on the first screen`);
      assert.ok(box.x >= 0 && box.x + box.width <= handheld.width, `${testId} fits the width`);
    }
    const input = await page.locator('#scan').boundingBox();
    assert.ok(input && input.y < handheld.height / 2, 'the scan input is near the top');
    const left = page.locator('.pack-lines td[data-label="Left"]').first();
    const box = await left.boundingBox();
    assert.ok(box && box.x + box.width <= handheld.width, 'the Left column is not cut off');
    assert.deepEqual(await overflowing(page), [], 'nothing in the station is cut off or scrolls sideways');

    // Typing by hand: the keyboard button raises the on-screen keyboard, and puts it away again.
    const keyboard = page.getByRole('button', { name: 'Keyboard' });
    await keyboard.click();
    assert.equal(await keyboard.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#scan').getAttribute('inputmode'), 'text');
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.id === 'scan');
    await keyboard.click();
    assert.equal(await page.locator('#scan').getAttribute('inputmode'), 'none');
    await screenshot(page, 'pack-station-handheld');
  });

  test('finish while AJIO cannot issue the invoice: amber hold, the waiting shelf, then documents ready', async () => {
    await f.sandbox.control.injectFaults({ route: 'POST /orders/b2bInvoice', type: '500', count: -1 });
    const c = f.variants[2];
    await burst(page, ['LPN-7002', c.ean, '450']);
    await expectCue(page, /Weight 450 g — box closed/, 10_000);
    await page.keyboard.press('Alt+F');
    const hold = page.getByTestId('pack-cue').filter({ hasText: 'Hold this carton — invoice not issued yet' });
    await hold.waitFor({ timeout: 30_000 });
    assert.equal(await hold.getAttribute('data-kind'), 'hold', 'shown in amber');
    const said = (await hold.textContent()) ?? '';
    assert.match(said, new RegExp(`PO ${po.second} is packed`));
    assert.doesNotMatch(said, /injected|HTTP|500|\(/, 'the reason in plain words, no technical text');
    assert.equal(await page.getByText(/Packed ✓|packed, documents ready/).count(), 1, 'only the first PO');
    assert.equal(await page.getByTestId('print-documents').count(), 0, 'nothing to print for the held carton');
    const shelf = page.getByTestId('waiting-shelf');
    await shelf.getByRole('link', { name: `PO ${po.second}` }).waitFor();
    await screenshot(page, 'pack-station-hold');

    const waiting = (await f.t.call('GET', '/api/pack/waiting')).json().items;
    assert.deepEqual(
      waiting.map((w: { poNumber: string; invoiced: boolean }) => [w.poNumber, w.invoiced]),
      [[po.second, false]],
    );

    // AJIO is back; the background job (here, the same call it makes) issues the documents, and the
    // station, watching its shelf, says so.
    await f.sandbox.control.clearFaults();
    const made = await f.t.call('POST', `/api/orders/${ids[po.second]}/documents`, { as: 'operator', body: {} });
    assert.equal(made.statusCode, 200, made.body);
    await expectCue(page, new RegExp(`PO ${po.second}: documents ready — print`), 15_000);
    const ready = shelf.getByRole('list', { name: 'Documents ready' });
    assert.equal(
      await ready.getByTestId('print-documents').getAttribute('href'),
      `/api/orders/${ids[po.second]}/documents.pdf`,
      'one PDF, opened once',
    );
    await shelf.getByText('No carton is waiting for its documents.').waitFor();
  });

  test('Retry from the shelf; a lost connection keeps the scan, and it is answered when back', async () => {
    await f.sandbox.control.injectFaults({ route: 'POST /orders/b2bInvoice', type: '500', count: -1 });
    const d = f.variants[3];
    await burst(page, [po.third, 'LPN-7003']);
    await expectCue(page, /Box LPN-7003 — opened/, 10_000);

    await page.route('**/api/orders/*/pack/scan', (route) => route.abort('internetdisconnected'));
    await burst(page, [d.ean]);
    await expectCue(page, /No connection — scan again when back online/, 10_000);
    assert.equal(await page.getByText(/Refused/).count(), 0, 'a lost connection is never a refusal');
    assert.equal((await packState(po.third)).lines[0].packed, 0);
    await page.unroute('**/api/orders/*/pack/scan');
    await burst(page, ['450']);
    await expectCue(page, /Weight 450 g — box closed/, 10_000);
    const said = await answers(page);
    assert.deepEqual(said.slice(-3), [
      'No connection — scan again when back online',
      `EAN ${d.ean} — 1 of 1 packed`,
      'Weight 450 g — box closed',
    ]);

    await page.keyboard.press('Alt+F');
    await page
      .getByTestId('pack-cue')
      .filter({ hasText: 'Hold this carton — invoice not issued yet' })
      .waitFor({ timeout: 30_000 });
    await f.sandbox.control.clearFaults();
    await page.getByRole('button', { name: `Retry the documents of PO ${po.third}` }).click();
    await expectCue(page, new RegExp(`PO ${po.third}: documents ready — print`), 30_000);
    assert.equal((await f.t.call('GET', '/api/pack/waiting')).json().items.length, 0);
  });

  test('axe-core: no serious or critical violations on the pack station, handheld and laptop', async () => {
    assert.deepEqual(await axeProblems(page), [], 'handheld');
    const wide = await pageAt(ui, laptop);
    await wide.goto(`${ui.base}/pack/${ids[po.third]}`);
    await wide.getByRole('heading', { name: `Pack station: PO ${po.third}` }).waitFor();
    assert.deepEqual(await axeProblems(wide), [], 'laptop, a packed PO');
    await wide.goto(`${ui.base}/pack`);
    await wide.getByLabel('Scan the PO number').waitFor();
    assert.deepEqual(await axeProblems(wide), [], 'laptop, waiting for a PO');
  });
});

describe('console: the return inbound station on the floor (412×915)', { skip: skipWithoutChromium }, () => {
  let f: InventoryFixture;
  let ui: OpenConsole;
  let page: Page;
  let a: Listing;
  let returned: { return_id: string; awb: string }[];

  before(async () => {
    ensureConsoleBuilt();
    f = await createInventoryFixture('pglite', { styles: 2 });
    [a] = f.listings;
    const po = await dispatchAtAjio(f, [{ listing: a, quantity: 3 }]);
    returned = (await f.sandbox.control.createReturns(seller.username, [
      { po_number: po.po_number, sku: a.channelSku, quantity: 3 },
    ])) as typeof returned;
    await f.setOnHand(a, 5);
    assert.equal((await f.run('returns')).status, 'succeeded');
    ui = await openConsole(f);
    page = await pageAt(ui, handheld);
  });
  after(() => closeAll(ui, f));

  test('a burst of scans and QC answers is answered in order; axe finds nothing serious', async () => {
    const list = (await f.call('GET', `/api/returns?q=${returned[0].return_id}`)).json();
    await page.goto(`${ui.base}/returns/${list.items[0].id}`);
    await page.getByLabel(/Scan the parcel's AWB/).waitFor();
    assert.equal(await page.locator('#scan').getAttribute('inputmode'), 'none');
    assert.deepEqual(await axeProblems(page), [], 'handheld, before receiving');

    await burst(page, [returned[0].awb, a.skuCode, 'G', a.skuCode, 'B', a.skuCode, 'G']);
    await expectCue(page, new RegExp(`${a.skuCode}: good, back to stock.*On hand at MUM1 is now 7`), 20_000);
    assert.equal(await page.getByTestId('received-units').textContent(), '3 of 3');
    const level = (await f.call('GET', `/api/inventory/levels/MUM1/${a.skuCode}`)).json();
    assert.deepEqual([level.onHand, level.damaged], [7, 1]);
    assert.deepEqual(await axeProblems(page), [], 'handheld, received');
    assert.deepEqual(await overflowing(page), [], 'the return page fits the handheld');
    await screenshot(page, 'return-inbound-handheld');

    const wide = await pageAt(ui, laptop);
    await wide.goto(`${ui.base}/returns/${list.items[0].id}`);
    await wide.getByLabel(/Scan a unit/).waitFor();
    assert.deepEqual(await axeProblems(wide), [], 'laptop');
  });
});
