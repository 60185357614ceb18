import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Page } from 'playwright-core';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  expectPdf,
  fieldError,
  openConsole,
  screenshot,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Printing in one go in Chromium: an admin sets the network printer under Manage Channels (ZPL and
 * link-local refused next to their field), the order page's "Print documents" opens the PO's invoice
 * and labels as one PDF and "Send to printer" sends that PDF to a local socket standing in for the
 * printer, and the manifest page's "Print all" opens its documents as one PDF.
 */
describe('console: printing in one go', { skip: skipWithoutChromium }, () => {
  let f: DispatchFixture;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  let packed: { id: number; poNumber: string };
  let printer: Server;
  let port = 0;
  const received: Buffer[] = [];
  let jobDone: Promise<void>;

  before(async () => {
    ensureConsoleBuilt();
    f = await createDispatchFixture('pglite', { styles: 2 });
    await f.stock(f.variants[0].sellerSku, 10);
    packed = await f.packThroughApi([{ variant: f.variants[0], quantity: 2 }]);
    let done!: () => void;
    jobDone = new Promise((resolve) => {
      done = resolve;
    });
    printer = createServer((socket) => {
      socket.on('data', (chunk) => received.push(chunk));
      socket.on('end', () => {
        socket.end();
        done();
      });
    });
    await new Promise<void>((resolve) => printer.listen(0, '127.0.0.1', resolve));
    port = (printer.address() as AddressInfo).port;
    ui = await openConsole(f.t, 'admin');
    ({ page, base } = ui);
  });
  after(async () => {
    await new Promise((resolve) => printer.close(resolve));
    await closeAll(ui, f);
  });

  test('an admin sets the printer under Manage Channels; a bad address is refused next to its field', async () => {
    await page.goto(`${base}/channels`);
    const section = page.getByRole('region', { name: 'Printer' });
    await section.getByText('No printer set').waitFor();
    const form = section.getByRole('form', { name: 'Printer' });
    await form.getByLabel('Printer address').fill('169.254.169.254');
    await form.getByRole('button', { name: 'Save printer' }).click();
    await fieldError(page, 'Printer address')
      .filter({ hasText: /link-local/ })
      .waitFor();
    await form.getByLabel('Printer address').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(port));
    await form.getByRole('button', { name: 'Save printer' }).click();
    await section
      .getByTestId('printer-current')
      .filter({ hasText: `127.0.0.1:${port} (PDF)` })
      .waitFor();
    assert.equal((await f.t.call('GET', '/api/settings/printer')).json().printer.port, port);
  });

  test('the order page: "Print documents" is the one PDF; "Send to printer" sends exactly it', async () => {
    const operator = await ui.newPage('operator');
    await operator.goto(`${base}/orders/${packed.id}`);
    const link = operator.getByRole('link', { name: `Print documents of PO ${packed.poNumber}` });
    assert.equal(await link.getAttribute('href'), `/api/orders/${packed.id}/documents.pdf`);
    assert.equal(await link.getAttribute('target'), '_blank');
    const pdf = await expectPdf(operator, await link.getAttribute('href'), 'Print documents');

    await operator.getByRole('button', { name: 'Send to printer (127.0.0.1)' }).click();
    await operator
      .getByText(new RegExp(`Sent \\d+ pages? \\([\\d,]+ bytes\\) to the printer at 127\\.0\\.0\\.1:${port}`))
      .waitFor();
    await screenshot(operator, 'order-send-to-printer');
    await jobDone;
    assert.ok(Buffer.concat(received).equals(pdf), 'the printer got the same PDF the link opens');
  });

  test('the manifest page: "Print all" opens its documents as one PDF once it is dispatched', async () => {
    const made = await f.t.call('POST', '/api/manifests', {
      as: 'operator',
      body: { channel: f.code, warehouse: 'MUM1' },
    });
    assert.equal(made.statusCode, 201, made.body);
    const code = made.json().items[0].code as string;
    await page.goto(`${base}/manifests/${code}`);
    await page.getByTestId('manifest-status').waitFor();
    const printAll = page.getByRole('link', { name: `Print all documents of manifest ${code}` });
    assert.equal(await printAll.count(), 0, 'nothing to print before dispatch');
    await page.getByRole('button', { name: 'Dispatch to AJIO' }).click();
    await page.getByTestId('manifest-status').filter({ hasText: 'dispatched' }).waitFor();
    assert.equal(await printAll.getAttribute('target'), '_blank');
    const opened = page.waitForEvent('popup');
    await printAll.click();
    const popup = await opened;
    await popup.waitForURL(`${base}/api/manifests/${code}/documents.pdf`);
    await expectPdf(page, popup.url(), 'the manifest bundle');
    await popup.close();
  });
});
