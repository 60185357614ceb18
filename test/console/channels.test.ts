import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { runStream } from '../helpers/run-stream.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  fieldError,
  openConsole,
  screenshot,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The console in Chromium: sign-in, Manage Channels, Add New through Channel Maintenance and Configure
 * Interface (bad input answered next to the field), the maintenance page with its connection test and
 * Run now, and a viewer who can read but change nothing.
 */
describe('console: sign-in and channels', { skip: skipWithoutChromium }, () => {
  let f: OrdersFixture;
  let ui: OpenConsole;
  let base: string;

  before(async () => {
    ensureConsoleBuilt();
    f = await createOrdersFixture('pglite', { styles: 1 });
    ui = await openConsole(f.t);
    ({ base } = ui);
  });
  after(() => closeAll(ui, f));

  test('a wrong password is refused with a message; the right one signs in', async () => {
    const page = await ui.newPage();
    await page.goto(`${base}/channels`);
    await page.getByLabel('Username').fill('admin1');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'username or password is wrong' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await page.getByTestId('whoami').textContent(), 'admin1 · admin');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'weft_session');
    assert.ok(session?.httpOnly && session.sameSite === 'Strict', 'the session is an HttpOnly, SameSite=Strict cookie');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { localStorage: { length: number } }).localStorage.length),
      0,
      'nothing in local storage',
    );
    await page.context().close();
  });

  test('Add New: Channel Maintenance, Configure Interface, refusals next to the field, then the code', async () => {
    const page = await ui.newPage('admin');
    await openNav(page, 'Manage Channels');
    await page.getByRole('link', { name: f.code }).waitFor();
    await screenshot(page, 'manage-channels');

    await page.getByRole('link', { name: 'Add New' }).click();
    await page.getByRole('button', { name: 'AJIO JIT (B2B)' }).click();
    // Nothing filled in: the console asks for the name and warehouse before going on.
    await page.getByRole('button', { name: 'Configure Interface' }).click();
    assert.match((await fieldError(page, 'Channel name').textContent()) ?? '', /Give the channel a name/);
    assert.match(
      (await fieldError(page, 'Order source warehouse').textContent()) ?? '',
      /Choose the order source warehouse/,
    );
    await page.getByLabel('Channel name').fill('AJIO JIT Thane');
    await page.getByLabel('Order source warehouse').selectOption('MUM1');
    await page.getByLabel('Inventory sync method').selectOption('scheduled');
    await page.getByRole('button', { name: 'Configure Interface' }).click();

    // E-invoicing's username and password appear only when it is on.
    assert.equal(await page.getByLabel('E-invoicing username').count(), 0);
    await page.getByLabel('Enable e-invoicing').check();
    await page.getByLabel('E-invoicing username').waitFor();
    await page.getByLabel('Enable e-invoicing').uncheck();
    assert.equal(await page.getByLabel('E-invoicing username').count(), 0);

    // AJIO's rules, from the server, next to the fields they concern.
    await page.getByLabel('Username', { exact: true }).fill('SELLER1');
    await page.getByLabel('Password', { exact: true }).fill('api-secret');
    await page.getByLabel('Is B2B').selectOption('no');
    await page.getByRole('button', { name: 'Save' }).click();
    await fieldError(page, 'Username').waitFor();
    assert.match((await fieldError(page, 'Username').textContent()) ?? '', /starting with DV/);
    assert.match((await fieldError(page, 'Is B2B').textContent()) ?? '', /Is B2B must be Yes/);
    await screenshot(page, 'add-channel-interface-refused');

    // The POB id of a channel Weft already has: refused, naming that channel, next to the username.
    await page.getByLabel('Username', { exact: true }).fill(ordersSeller.username);
    await page.getByLabel('Is B2B').selectOption('yes');
    await page.getByRole('button', { name: 'Save' }).click();
    await fieldError(page, 'Username').filter({ hasText: 'already used' }).waitFor();
    assert.match(
      (await fieldError(page, 'Username').textContent()) ?? '',
      new RegExp(`POB id ${ordersSeller.username} is already used by channel ${f.code}`),
    );

    // A sync-from date in the future: back to Channel Maintenance, the refusal next to the date.
    await page.getByLabel('Username', { exact: true }).fill('DVTHANE1');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByLabel('Order sync from').fill('2030-01-01');
    await page.getByRole('button', { name: 'Configure Interface' }).click();
    await page.getByLabel('Password', { exact: true }).fill('api-secret');
    await page.getByRole('button', { name: 'Save' }).click();
    await fieldError(page, 'Order sync from').waitFor();
    assert.match(
      (await fieldError(page, 'Order sync from').textContent()) ?? '',
      /Order sync-from date 2030-01-01 is in the future: pick today or earlier/,
    );
    const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
    await page.getByLabel('Order sync from').fill(today);
    await page.getByRole('button', { name: 'Configure Interface' }).click();
    await page.getByLabel('Password', { exact: true }).fill('api-secret');
    await page.getByRole('button', { name: 'Save' }).click();
    const code = await page.getByTestId('channel-code').textContent();
    assert.match(code ?? '', /^AJIO\d{4}$/);
    await screenshot(page, 'add-channel-saved');
    const saved = (await f.t.call('GET', `/api/channels/${code}`)).json();
    assert.equal(saved.name, 'AJIO JIT Thane');
    assert.equal(saved.settings.inventory.mode, 'scheduled');
    assert.equal(saved.interface.username, 'DVTHANE1');
    await page.context().close();
  });

  test('Channel maintenance: a setting saved, a bad one refused at its field, the connection tested, a stream run', async () => {
    const page = await ui.newPage('admin');
    await page.goto(`${base}/channels/${f.code}`);
    await page.getByRole('region', { name: 'Orders' }).waitFor();

    await page.getByLabel('Use marketplace shipping label').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    assert.match((await fieldError(page, 'Shipping label').textContent()) ?? '', /Weft prints its own box label/);
    await page.getByRole('button', { name: 'Undo changes' }).click();

    await page.getByLabel('Prepack enabled').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. New settings apply from the next run.').waitFor();
    assert.equal((await f.t.call('GET', `/api/channels/${f.code}`)).json().settings.orders.prepack, true);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected to AJIO: the token is valid until').waitFor();
    await page.getByRole('button', { name: 'Run Order pull now' }).click();
    await page.getByText(/Order pull: run \d+ is queued/).waitFor();
    await screenshot(page, 'channel-maintenance');
    await page.context().close();
  });

  test('a viewer reads everything, finds nothing to change, and the API refuses if forced', async () => {
    const page = await ui.newPage('viewer');
    assert.equal(await page.getByRole('link', { name: 'Pack station' }).count(), 0);
    await page.getByRole('link', { name: f.code }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Add New' }).count(), 0);
    // The admin's connection test above logged in at AJIO: the list says until when that token holds.
    assert.match(
      (await page
        .getByRole('row', { name: new RegExp(f.code) })
        .getByTestId('session')
        .textContent()) ?? '',
      /\d{2}:\d{2}/,
    );
    assert.equal(
      await page
        .getByRole('row', { name: new RegExp(f.code) })
        .getByTestId('pushes')
        .textContent(),
      'Nothing waiting',
    );
    // The test app runs no worker: the health view says so, and what to do about it.
    await page
      .getByTestId('background-work')
      .getByRole('alert')
      .filter({ hasText: /No worker has taken jobs yet.*weft start/ })
      .waitFor();

    await page.goto(`${base}/channels/${f.code}`);
    await page.getByRole('region', { name: 'Orders' }).waitFor();
    for (const name of ['Save settings', 'Test connection', 'Run Order pull now'])
      assert.equal(await page.getByRole('button', { name }).count(), 0, name);
    assert.equal(await page.getByLabel('Prepack enabled').isDisabled(), true);

    await page.goto(`${base}/channels/new`);
    await page.getByText('This page needs the admin role').waitFor();
    await page.goto(`${base}/pack`);
    await page.getByText('This page needs the operator role').waitFor();

    const forced = await page.evaluate(async (code) => {
      const res = await fetch(`/api/channels/${code}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Mine now' }),
      });
      return { status: res.status, body: (await res.json()) as { error: { message: string } } };
    }, f.code);
    assert.equal(forced.status, 403);
    assert.match(forced.body.error.message, /needs the admin role/);
    await page.context().close();
  });

  test('a channel whose login AJIO refuses shows red on every stream, here and on Manage Channels, until a login works', async () => {
    await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: 'changed-at-ajio' } } });
    const run = await runStream(f.t, f.code, 'orders');
    assert.equal(run.status, 'failed');

    const page = await ui.newPage('operator');
    await page.goto(`${base}/channels/${f.code}`);
    const rows = page.getByRole('region', { name: 'Streams' }).locator('tbody tr');
    await rows.first().getByText('Login refused').waitFor();
    assert.equal(await rows.count(), 6);
    for (const row of await rows.all()) {
      assert.equal(await row.getAttribute('class'), 'row-trouble');
      assert.equal(await row.locator('.badge').textContent(), 'Login refused');
      assert.match((await row.textContent()) ?? '', /AJIO refused the channel's username or password/);
    }
    // The test connection says so in plain words, not as an outage.
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/^Login refused: AJIO refused the channel's username or password/).waitFor();
    await screenshot(page, 'channel-login-refused');

    await page.goto(`${base}/channels`);
    const listed = page.getByRole('row', { name: new RegExp(f.code) });
    await listed.getByText('Login refused').first().waitFor();
    assert.equal(await listed.locator('.badge-refused').count(), 6, 'every stream column');
    await page
      .getByRole('alert')
      .filter({ hasText: `${f.code}: AJIO refused the login` })
      .waitFor();

    // The right password and a login that works: the streams say what their runs said again.
    await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: ordersSeller.password } } });
    assert.equal((await f.t.call('POST', `/api/channels/${f.code}/test-connection`)).statusCode, 200);
    await page.reload();
    await listed.locator('.badge-ok, .badge-failing, .badge-never, .badge-busy').first().waitFor();
    assert.equal(await listed.locator('.badge-refused').count(), 0);
    await page.context().close();
  });
});
