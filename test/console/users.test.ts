import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
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
 * Users in Chromium: an admin adds a user (bad input refused next to each field), changes their role,
 * resets their password (the user then signs in with the new one), issues an API token that works
 * against the API, sees it listed with the user's console sessions and revokes it (the API then refuses
 * it); operators and viewers see no Users page and the API refuses them.
 */
describe('console: users', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let ui: OpenConsole;
  let page: Page;
  let base: string;
  /** The token the console issued for packer1, revoked in a later test. */
  let issuedToken = '';

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    ui = await openConsole(t, 'admin');
    ({ page, base } = ui);
  });
  after(() => closeAll(ui, t));

  const row = (username: string) => page.getByTestId(`user-${username}`);
  const addForm = () => page.getByRole('region', { name: 'Add a user' });

  test('adding a user: bad input is refused next to each field, then the user is added', async () => {
    await openNav(page, 'Users');
    await row('operator1').waitFor();
    assert.equal(await row('admin1').getByTestId('role').textContent(), 'admin');

    await addForm().getByLabel('Username').fill('pa cker');
    await addForm().getByLabel('Password').fill('short');
    await addForm().getByRole('button', { name: 'Add user' }).click();
    await fieldError(page, 'Username')
      .filter({ hasText: 'Give a username of 3 to 64 letters, digits, dots, dashes or underscores (no spaces).' })
      .waitFor();
    assert.equal(await fieldError(page, 'Password').textContent(), 'Use a password of at least 10 characters.');
    assert.equal(await fieldError(page, 'Role').textContent(), 'Choose a role: admin, operator or viewer.');

    await addForm().getByLabel('Username').fill('operator1');
    await addForm().getByLabel('Password').fill('packer-first-1');
    await addForm().getByLabel('Role').selectOption('operator');
    await addForm().getByRole('button', { name: 'Add user' }).click();
    await fieldError(page, 'Username').filter({ hasText: 'A user named operator1 already exists.' }).waitFor();

    await addForm().getByLabel('Username').fill('packer1');
    await addForm().getByRole('button', { name: 'Add user' }).click();
    await addForm().getByRole('status').filter({ hasText: 'packer1 is added as operator' }).waitFor();
    await row('packer1').waitFor();
    assert.equal(await row('packer1').getByTestId('role').textContent(), 'operator');
    assert.equal(await row('packer1').getByTestId('status').textContent(), 'active');
  });

  test('change the role, reset the password (the user signs in with the new one), disable and enable', async () => {
    await row('packer1')
      .getByRole('link', { name: /Manage/ })
      .click();
    await page.waitForURL(/user=packer1/);
    const access = page.getByRole('region', { name: 'Role and access of packer1' });
    await access.getByLabel('Role').selectOption('viewer');
    await access.getByRole('button', { name: 'Change role' }).click();
    await access.getByRole('status').filter({ hasText: 'packer1 is now a viewer.' }).waitFor();
    await row('packer1').getByTestId('role').filter({ hasText: 'viewer' }).waitFor();

    const reset = page.getByRole('region', { name: 'Reset password' });
    await reset.getByLabel('New password').fill('tiny');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await fieldError(page, 'New password').filter({ hasText: 'Use a password of at least 10 characters.' }).waitFor();
    await reset.getByLabel('New password').fill('packer-second-2');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await reset.getByRole('status').filter({ hasText: 'The password of packer1 is changed' }).waitFor();

    const packer = await ui.newPage();
    await packer.goto(`${base}/`);
    await packer.getByLabel('Username').fill('packer1');
    await packer.getByLabel('Password').fill('packer-first-1');
    await packer.getByRole('button', { name: 'Sign in' }).click();
    await packer
      .getByRole('alert')
      .filter({ hasText: /username or password is wrong/ })
      .waitFor();
    await packer.getByLabel('Password').fill('packer-second-2');
    await packer.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await packer.getByTestId('whoami').textContent(), 'packer1 · viewer');
    await packer.context().close();

    await access.getByRole('button', { name: 'Disable user' }).click();
    await access
      .getByRole('group', { name: /^Disable packer1\?/ })
      .getByRole('button', { name: 'Disable packer1' })
      .click();
    await row('packer1').getByTestId('status').filter({ hasText: 'disabled' }).waitFor();
    assert.equal(
      (
        await t.call('POST', '/api/auth/token', {
          as: null,
          body: { username: 'packer1', password: 'packer-second-2' },
        })
      ).statusCode,
      401,
    );
    await access.getByRole('button', { name: 'Enable user' }).click();
    await row('packer1').getByTestId('status').filter({ hasText: 'active' }).waitFor();
    await access.getByText('Disabling stops their sign-in and revokes every token and session they have').waitFor();

    // Disabling revoked packer1's session; enabled again, they sign in afresh.
    const again = await ui.newPage();
    await again.goto(`${base}/`);
    await again.getByLabel('Username').fill('packer1');
    await again.getByLabel('Password').fill('packer-second-2');
    await again.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await again.getByTestId('whoami').textContent(), 'packer1 · viewer');
    await again.context().close();
  });

  test('the last admin cannot be demoted: the refusal stands next to the role', async () => {
    await page.goto(`${base}/users?user=admin1`);
    const access = page.getByRole('region', { name: 'Role and access of admin1' });
    await access.getByLabel('Role').selectOption('operator');
    await access.getByRole('button', { name: 'Change role' }).click();
    await access
      .locator('.field-error')
      .filter({ hasText: 'admin1 is the only active admin: make another user an admin first' })
      .waitFor();
    assert.equal((await t.call('GET', '/api/auth/me')).json().role, 'admin');
  });

  test('an API token is shown once with its expiry, and it works against the API', async () => {
    await page.goto(`${base}/users?user=packer1`);
    const token = page.getByRole('region', { name: 'API token' });
    await token.getByRole('button', { name: 'Issue token' }).click();
    await fieldError(page, 'Token name').filter({ hasText: 'Name the token after what will use it' }).waitFor();
    await token.getByLabel('Token name').fill('ERP sync');
    await token.getByLabel('Expires after').selectOption({ label: '30 days' });
    await token.getByRole('button', { name: 'Issue token' }).click();
    const shown = await page.getByTestId('issued-token').textContent();
    assert.match(shown!, /^weft_/);
    assert.match((await page.getByTestId('token-expiry').textContent()) ?? '', /^Expires \d{2} \w{3} \d{4}/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await token.getByRole('button', { name: 'Copy' }).click();
    await token.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
      shown,
    );
    await screenshot(page, 'users');

    const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${shown}` } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { username: string }).username, 'packer1');
    await page.reload();
    assert.equal(await page.getByTestId('issued-token').count(), 0, 'the token is not shown again');
    issuedToken = shown!;
  });

  test('tokens and sessions: the issued token is listed, revoking it stops it at once, a password reset signs the user out', async () => {
    await page.goto(`${base}/users?user=packer1`);
    const list = page.getByRole('region', { name: 'Tokens and sessions' });
    const tokenRow = (text: string) => list.getByTestId('token-row').filter({ hasText: text });
    await tokenRow('ERP sync').getByTestId('status').filter({ hasText: 'active' }).waitFor();
    assert.equal(await tokenRow('ERP sync').getByTestId('kind').textContent(), 'API token');
    const sessions = tokenRow('console session');
    assert.deepEqual(
      await sessions.getByTestId('kind').allTextContents(),
      ['Console session', 'Console session'],
      'packer1 signed in before the disable and after',
    );
    assert.deepEqual(
      await sessions.getByTestId('status').allTextContents(),
      ['active', 'revoked'],
      'the session from before the disable stays revoked',
    );
    assert.equal(await list.getByText(issuedToken).count(), 0, 'the secret is never listed');

    // A token issued now joins the list without a reload.
    const issue = page.getByRole('region', { name: 'API token' });
    await issue.getByLabel('Token name').fill('Label printer');
    await issue.getByRole('button', { name: 'Issue token' }).click();
    await tokenRow('Label printer').waitFor();
    assert.equal(
      await list.getByTestId('token-row').first().locator('th').textContent(),
      'Label printer',
      'newest first',
    );

    await tokenRow('ERP sync')
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await tokenRow('ERP sync')
      .getByRole('group', { name: 'Revoke the token "ERP sync"? Whatever uses it stops working at once.' })
      .getByRole('button', { name: 'Revoke', exact: true })
      .click();
    await list
      .getByRole('status')
      .filter({ hasText: 'The token "ERP sync" is revoked: it no longer works.' })
      .waitFor();
    await tokenRow('ERP sync').getByTestId('status').filter({ hasText: 'revoked' }).waitFor();
    assert.equal(await tokenRow('ERP sync').getByRole('button').count(), 0, 'a revoked token has no Revoke button');
    const refused = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${issuedToken}` } });
    assert.equal(refused.status, 401, 'the API refuses the revoked token');

    const reset = page.getByRole('region', { name: 'Reset password' });
    await reset.getByLabel('New password').fill('packer-third-3');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await reset
      .getByRole('status')
      .filter({ hasText: '1 console session was signed out; their API tokens still work.' })
      .waitFor();
    await sessions.getByTestId('status').filter({ hasText: 'active' }).first().waitFor({ state: 'detached' });
    assert.equal(await tokenRow('Label printer').getByTestId('status').textContent(), 'active');
  });

  for (const role of ['operator', 'viewer'] as const) {
    test(`${role}: no Users in the navigation, the page refuses, and the API answers 403`, async () => {
      const other = await ui.newPage(role);
      assert.equal(await other.locator('#main-nav a[href="/users"]').count(), 0);
      await other.goto(`${base}/users`);
      await other
        .getByRole('alert')
        .filter({ hasText: `This page needs the admin role; you are signed in as ${role}.` })
        .waitFor();
      const statuses = await other.evaluate(async () => {
        const list = await fetch('/api/users');
        const add = await fetch('/api/users', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'sneaky', password: 'long-enough-1', role: 'admin' }),
        });
        return [list.status, add.status];
      });
      assert.deepEqual(statuses, [403, 403]);
      await other.context().close();
    });
  }
});
