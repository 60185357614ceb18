import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt, fieldError, launchChromium, openNav, skipWithoutChromium } from '../helpers/console.ts';
import { freePort, startWeft, waitForHealth, type TestProcess } from '../helpers/processes.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import { startIrpSandbox, type IrpSandbox } from '../../src/sandbox/irp/testing.ts';

/**
 * From an empty data folder to a channel ready to pull, in Chromium, clicking only: `weft start` on a
 * new folder makes the first admin; the admin adds the warehouse (a mistyped GSTIN refused first),
 * imports the SKU master from CSV (checked, then applied), adds the AJIO JIT channel with e-invoicing
 * on (refused while fields NIC needs are missing) and tests it against the IRP sandbox, pulls the
 * listings and sets their buffers from CSV and one by hand. Only the marketplace's and the IRP's side
 * run outside the browser, as sandboxes.
 */
const seller = { username: 'DVMASTER1', password: 'api-secret' };
const admin = { username: 'owner', password: 'owner-password-1' };
const gstin = '27AAACR5055K1Z7';
const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);

describe('console: master data from an empty data folder to a channel ready to pull', {
  skip: skipWithoutChromium,
}, () => {
  let folder: string;
  let weft: TestProcess;
  let sandbox: StartedSandbox;
  let irp: IrpSandbox;
  let browser: Browser;
  let page: Page;
  let base = '';
  let code = '';
  const variants: { sellerSku: string; ean: string; mrp: number; title: string; ajio: string }[] = [];

  before(async () => {
    ensureConsoleBuilt();
    folder = mkdtempSync(join(tmpdir(), 'weft-master-data-'));
    sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false, market: { poEverySeconds: 0 } });
    await sandbox.control.seedCatalog(seller.username, { styles: 1, seed: 11, initialInventory: 5, publishedRatio: 1 });
    const [product] = await sandbox.control.getCatalog(seller.username);
    for (const v of product.variants.slice(0, 3))
      variants.push({ sellerSku: v.sellerSku, ean: v.ean, mrp: v.mrp, title: product.title, ajio: v.sku });
    irp = await startIrpSandbox({ gstin });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    weft = startWeft(null, ['start'], {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: undefined,
      WEFT_DATA_DIR: join(folder, 'data'),
      WEFT_ADMIN_USER: admin.username,
      WEFT_ADMIN_PASSWORD: admin.password,
    });
    await waitForHealth(weft, base);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  });
  after(async () => {
    await browser?.close();
    await weft?.stop();
    await irp?.close();
    await sandbox?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Opens a screen through the navigation, as a person does. */
  const open = async (label: string, heading: string) => {
    await openNav(page, label);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  /** Waits (up to 10 s) for a listing's buffer input to show `value`. */
  const bufferShown = async (channelSku: string, value: string) => {
    const input = page.getByLabel(`Buffer for ${channelSku}`);
    for (let i = 0; (await input.inputValue()) !== value; i++) {
      assert.ok(i < 40, `the buffer of ${channelSku} shows ${await input.inputValue()}, not ${value}`);
      await page.waitForTimeout(250);
    }
  };
  const csvFile = (name: string, lines: string[]) => ({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });

  test('the first admin signs in to the new Weft', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').filter({ hasText: admin.username }).waitFor();
  });

  test('Warehouses: a mistyped GSTIN is refused under the field; the warehouse is added', async () => {
    await open('Warehouses', 'Warehouses');
    await page.getByText('No warehouse yet').waitFor();
    await page.getByLabel('Warehouse code').fill('MUM1');
    await page.getByLabel('Warehouse name').fill('Bhiwandi DC');
    await page.getByLabel('State').selectOption('27');
    await page.getByLabel('GSTIN').fill('27AAACR5055K1Z8');
    await page.getByLabel('Address').fill('Plot 4, Bhiwandi 421302');
    await page.getByLabel('City').fill('Thane');
    await page.getByLabel('PIN code').fill('421302');
    await page.getByRole('button', { name: 'Add warehouse' }).click();
    await fieldError(page, 'GSTIN').filter({ hasText: 'check character' }).waitFor();
    assert.match((await fieldError(page, 'GSTIN').textContent()) ?? '', /the last one should be 7/);
    await page.getByLabel('GSTIN').fill(gstin);
    await page.getByRole('button', { name: 'Add warehouse' }).click();
    await page.getByText('Warehouse MUM1 is added.').waitFor();
    await page.getByRole('row', { name: new RegExp(`MUM1 Bhiwandi DC ${gstin}`) }).waitFor();
  });

  test('SKU master: the CSV is checked (a bad line named), then applied', async () => {
    await open('SKU master', 'SKU master');
    const master = [
      'code,ean,name,brand,style,size,colour,hsn,mrp,active',
      ...variants.map((v) => `${v.sellerSku},${v.ean},"${v.title}",Weft,STYLE-1,,,6109,${v.mrp},yes`),
      'NO PRICE,,Broken line,,,,,,,',
    ];
    await page.getByLabel('SKU master CSV file').setInputFiles(csvFile('master.csv', master));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText(/Checked 4 line\(s\), nothing written yet: 3 would be new, 0 updated, 1 refused/).waitFor();
    await page.getByRole('row', { name: /5 NO PRICE Refused mrp "" is not an amount in rupees/ }).waitFor();
    await page.getByText('No SKU yet').waitFor();
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText(/Imported 4 line\(s\): 3 new, 0 updated, 1 refused/).waitFor();
    for (const v of variants) await page.getByRole('link', { name: `Edit ${v.sellerSku}` }).waitFor();
  });

  test('opening stock: the counts CSV is checked, then applied', async () => {
    await open('Inventory', 'Inventory');
    await page.getByRole('link', { name: 'Import counts' }).click();
    await page.getByRole('heading', { name: 'Import stock counts', level: 1 }).waitFor();
    const counts = [
      'warehouse,sku,quantity,reason',
      ...variants.map((v, i) => `MUM1,${v.sellerSku},${10 + i},opening stock`),
    ];
    await page.getByLabel('Counts CSV file').setInputFiles(csvFile('opening-stock.csv', counts));
    await page.getByRole('button', { name: 'Check file' }).click();
    const result = page.getByTestId('stock-import-result');
    await result.getByRole('heading', { name: 'Checked — nothing applied yet' }).waitFor();
    await page.getByRole('button', { name: `Apply ${variants.length} line(s)` }).click();
    await result.getByRole('heading', { name: 'Applied' }).waitFor();
    await result.getByText(new RegExp(`${variants.length} lines of ${variants.length} applied`)).waitFor();
  });

  test('a channel with e-invoicing: refused while NIC fields are missing, saved when complete, tested at the IRP', async () => {
    await open('Manage Channels', 'Manage Channels');
    await page.getByRole('link', { name: 'Add New' }).click();
    await page.getByRole('button', { name: 'AJIO JIT (B2B)' }).click();
    await page.getByLabel('Channel name').fill('AJIO JIT Bhiwandi');
    await page.getByLabel('Order source warehouse').selectOption('MUM1');
    await page.getByLabel('Order sync from').fill(today);
    await page.getByLabel('Return sync from').fill(today);
    await page.getByRole('button', { name: 'Configure Interface' }).click();
    await page.getByLabel('Username', { exact: true }).fill(seller.username);
    await page.getByLabel('Password', { exact: true }).fill(seller.password);
    await page.getByLabel('Is B2B').selectOption('yes');
    await page.getByLabel('Enable e-invoicing').check();
    assert.equal(await page.getByLabel('GSTIN').inputValue(), gstin, 'the GSTIN comes from the warehouse');
    await page.getByLabel('IRP address').fill(irp.url);
    await page.getByLabel('E-invoicing username').fill(irp.userName);
    await page.getByLabel('E-invoicing password').fill(irp.password);
    await page.getByRole('button', { name: 'Save' }).click();
    // Refused at save, not at the first pack: every missing field named under itself.
    await fieldError(page, 'Client id').waitFor();
    assert.match((await fieldError(page, 'Client id').textContent()) ?? '', /E-invoicing is on: give the client id/);
    assert.match((await fieldError(page, 'Client secret').textContent()) ?? '', /give the client secret/);
    assert.match((await fieldError(page, 'IRP public key').textContent()) ?? '', /give the IRP public key/);

    await page.getByLabel('Client id').fill(irp.clientId);
    await page.getByLabel('Client secret').fill(irp.clientSecret);
    await page.getByLabel('IRP public key').fill(irp.publicKeyPem);
    // Passwords are not kept in the form after a refusal by the browser: type them again if cleared.
    if (!(await page.getByLabel('E-invoicing password').inputValue()))
      await page.getByLabel('E-invoicing password').fill(irp.password);
    await page.getByRole('button', { name: 'Save' }).click();
    code = (await page.getByTestId('channel-code').textContent()) ?? '';
    assert.match(code, /^AJIO\d{4}$/);

    await page.goto(`${base}/channels/${code}`);
    await page.getByLabel('AJIO API address').fill(sandbox.url);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. New settings apply from the next run.').waitFor();
    // Secrets are never shown: only that they are set.
    await page.getByText('Client secret: set. Leave blank to keep it.').waitFor();
    assert.equal(await page.getByLabel('Client secret').inputValue(), '');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected to AJIO: the token is valid until').waitFor();
    await page.getByRole('button', { name: 'Test e-invoicing' }).click();
    await page.getByText(`Signed in to the IRP as GSTIN ${gstin} (user ${irp.userName})`).waitFor();
    assert.ok(irp.control.calls().auth >= 1, 'the IRP sandbox was asked');
  });

  test('the listings are pulled and their buffers set from CSV, and one by hand', async () => {
    await page.goto(`${base}/channels/${code}`);
    await page.getByRole('button', { name: 'Run SKU pull now' }).click();
    const row = page.getByRole('row', { name: /^SKU pull/ });
    for (let i = 0; ; i++) {
      await page.getByRole('region', { name: 'Streams' }).getByRole('button', { name: 'Refresh' }).click();
      const text = (await row.textContent()) ?? '';
      if (/OK|Failing/.test(text) && !/In progress/.test(text)) {
        assert.match(text, /OK/, `SKU pull: ${text}`);
        break;
      }
      assert.ok(i < 120, `the SKU pull did not finish: ${text}`);
      await page.waitForTimeout(500);
    }

    await open('Buffers', 'Listing buffers');
    await page.getByRole('cell', { name: variants[0].ajio, exact: true }).waitFor();
    await page
      .getByLabel('Buffers CSV file')
      .setInputFiles(
        csvFile('buffers.csv', [
          'channel,sku,buffer',
          `${code},${variants[0].sellerSku},2`,
          `${code},${variants[1].ajio},1`,
          `${code},NOT-A-SKU,1`,
        ]),
      );
    await page.getByRole('button', { name: 'Upload buffers' }).click();
    await page.getByText('3 line(s): 2 set, 0 unchanged, 1 refused.').waitFor();
    await page.getByRole('row', { name: /4 .* NOT-A-SKU 1 Refused .*pull the channel's SKUs/ }).waitFor();
    // The page of listings reloads with the new buffers (by channel SKU, and by the Weft SKU's code).
    await bufferShown(variants[0].ajio, '2');
    await bufferShown(variants[1].ajio, '1');

    await page.getByLabel(`Buffer for ${variants[2].ajio}`).fill('4');
    await page.getByRole('button', { name: `Set buffer for ${variants[2].ajio}` }).click();
    await page.getByText('Saved: 4 held back.').waitFor();

    // Ready to pull: the channel is active, its login and its e-invoicing tested, its listings buffered.
    await open('Manage Channels', 'Manage Channels');
    await page.getByRole('link', { name: code }).waitFor();
  });

  test('on a 390 px phone the master data screens stack their tables and never scroll sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    try {
      await small.goto(`${base}/`);
      await small.getByLabel('Username').fill(admin.username);
      await small.getByLabel('Password').fill(admin.password);
      await small.getByRole('button', { name: 'Sign in' }).click();
      await small.getByTestId('whoami').waitFor();
      for (const path of [
        '/warehouses',
        '/warehouses?edit=MUM1',
        '/skus',
        `/skus?sku=${variants[0].sellerSku}`,
        `/buffers?channel=${code}`,
        `/channels/${code}`,
      ]) {
        await small.goto(`${base}${path}`);
        await small.locator('main h1').waitFor();
        await small.waitForFunction(
          () => !/Loading…/.test((globalThis as any).document.querySelector('main')?.textContent ?? ''),
        );
        const { scrollWidth, innerWidth } = await small.evaluate(() => ({
          scrollWidth: (globalThis as any).document.documentElement.scrollWidth as number,
          innerWidth: (globalThis as any).innerWidth as number,
        }));
        assert.ok(scrollWidth <= innerWidth, `${path} is ${scrollWidth}px wide in ${innerWidth}px`);
        if (process.env.WEFT_SCREENSHOTS) {
          mkdirSync(process.env.WEFT_SCREENSHOTS, { recursive: true });
          const name = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
          await small.screenshot({ path: join(process.env.WEFT_SCREENSHOTS, `${name}-390.png`), fullPage: true });
          await page.goto(`${base}${path}`);
          await page.locator('main h1').waitFor();
          await page.waitForTimeout(500);
          await page.screenshot({ path: join(process.env.WEFT_SCREENSHOTS, `${name}-1360.png`), fullPage: true });
        }
      }
    } finally {
      await phone.close();
    }
  });
});
