import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { deliverDue } from '../../src/core/alerts/deliveries.ts';
import { evaluateAlerts } from '../../src/core/alerts/evaluate.ts';
import { ruleNamed } from '../../src/core/alerts/rules/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '../helpers/alert-receivers.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  fieldError,
  openConsole,
  openNav,
  screenshot,
  signIn,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * Settings → Alerts and the alert history in Chromium: an admin adds a webhook and an SMTP
 * destination, Test send answers in plain words (delivered; refused with the server's reason), the
 * password is corrected by an edit that keeps the rest, a bad threshold is refused next to its field,
 * a destination is removed after a confirm; the history shows an alert firing and resolving and where
 * each went; a viewer reads the history without the settings. Both screens fit 390 px.
 */
describe('console: alerts', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let ui: OpenConsole;
  let page: Page;
  let hook: WebhookReceiver;
  let smtp: SmtpReceiver;

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    hook = await startWebhookReceiver();
    smtp = await startSmtpReceiver();
    ui = await openConsole(t, 'admin');
    ({ page } = ui);
  });
  after(async () => {
    await hook.close();
    await smtp.close();
    await closeAll(ui, t);
  });

  const addForm = () => page.getByRole('region', { name: 'Add a destination' });
  const row = (name: string) => page.getByTestId(`destination-${name}`);

  test('destinations: added, tested in plain words, edited, removed', async () => {
    await openNav(page, 'Alerts');
    await page.getByRole('link', { name: 'Alert settings' }).click();
    await page.getByRole('heading', { name: 'Alert settings' }).waitFor();
    await page.getByText('No destination yet').waitFor();

    await addForm().getByLabel('Name', { exact: true }).fill('Ops hook');
    await addForm().getByLabel('Webhook URL', { exact: true }).fill('ftp://example.com/x');
    await addForm().getByRole('button', { name: 'Add destination' }).click();
    await fieldError(page, 'Webhook URL').filter({ hasText: 'uses ftp:' }).waitFor();
    await addForm().getByLabel('Webhook URL', { exact: true }).fill(hook.url);
    await addForm().getByLabel('Format', { exact: true }).selectOption('slack');
    await addForm().getByRole('button', { name: 'Add destination' }).click();
    await row('Ops hook').waitFor();
    assert.match((await row('Ops hook').textContent()) ?? '', /http:\/\/127\.0\.0\.1:\d+\/… \(Slack\)/);

    await row('Ops hook').getByRole('button', { name: 'Test send to Ops hook' }).click();
    await row('Ops hook').getByText('Delivered. The webhook of Ops hook accepted it (HTTP 200).').waitFor();
    assert.match(String(hook.bodies.at(-1)?.text), /TEST: Test alert — Ops hook/);

    await addForm().getByLabel('Name', { exact: true }).fill('Night shift');
    await addForm().getByLabel('Kind', { exact: true }).selectOption('email');
    await addForm().getByLabel('SMTP host', { exact: true }).fill(smtp.host);
    await addForm().getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await addForm().getByLabel('User', { exact: true }).fill(smtp.user);
    await addForm().getByLabel('Password', { exact: true }).fill('not-the-password');
    await addForm().getByLabel('From', { exact: true }).fill('weft@example.com');
    await addForm().getByLabel('To', { exact: true }).fill('night@example.com, lead@example.com');
    await addForm().getByRole('button', { name: 'Add destination' }).click();
    await row('Night shift').waitFor();
    await row('Night shift').getByRole('button', { name: 'Test send to Night shift' }).click();
    await row('Night shift')
      .getByText(/^Refused\. The SMTP server 127\.0\.0\.1:\d+ refused the user name or password/)
      .waitFor();

    await row('Night shift').getByRole('button', { name: 'Edit Night shift' }).click();
    const edit = page.getByRole('region', { name: 'Edit Night shift' });
    assert.equal(await edit.getByLabel('To', { exact: true }).inputValue(), 'night@example.com, lead@example.com');
    assert.equal(
      await edit.getByLabel('Password', { exact: true }).inputValue(),
      '',
      'the stored password is never shown',
    );
    await edit.getByLabel('Password', { exact: true }).fill(smtp.password);
    await edit.getByRole('button', { name: 'Save destination' }).click();
    await edit.waitFor({ state: 'detached' });
    await row('Night shift').getByRole('button', { name: 'Test send to Night shift' }).click();
    await row('Night shift').getByText('Delivered. The SMTP server').waitFor();
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.mails[0].to, ['night@example.com', 'lead@example.com']);

    await addForm().getByLabel('Name', { exact: true }).fill('Spare');
    await addForm().getByLabel('Kind', { exact: true }).selectOption('webhook');
    await addForm().getByLabel('Webhook URL', { exact: true }).fill(hook.url);
    await addForm().getByRole('button', { name: 'Add destination' }).click();
    await row('Spare').waitFor();
    await row('Spare').getByRole('button', { name: 'Remove Spare' }).click();
    await page.getByRole('group', { name: 'Remove Spare?' }).getByRole('button', { name: 'Remove' }).click();
    await row('Spare').waitFor({ state: 'detached' });
    await screenshot(page, 'alert-settings');
  });

  test('thresholds: a bad value is refused next to its field; a good one saved', async () => {
    const form = page.getByRole('region', { name: 'Thresholds' });
    await form.getByLabel('Reconciliation drift share', { exact: true }).fill('2');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await fieldError(page, 'Reconciliation drift share').filter({ hasText: 'between 0 and 1' }).waitFor();
    await form.getByLabel('Reconciliation drift share', { exact: true }).fill('0.1');
    await form.getByLabel('Repeat interval (minutes)', { exact: true }).fill('30');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await form.getByText('Thresholds saved').waitFor();
    const saved = (await t.call('GET', '/api/alerts/settings')).json();
    assert.equal(saved.reconciliationDriftShare, 0.1);
    assert.equal(saved.repeatMinutes, 30);
  });

  test('the history: firing and resolved, where each went; a viewer reads it without the settings', async () => {
    // The test app works no jobs: "too few live workers" fires, then a worker appears and it resolves.
    const rule = ruleNamed('no-live-worker')!;
    const tick = async () => {
      await evaluateAlerts({ database: t.database, lookup: channelDescriptor }, [rule]);
      await deliverDue({ database: t.database, secrets: t.secrets });
    };
    await tick();
    await openNav(page, 'Alerts');
    await page.getByTestId('open-no-live-worker').waitFor();
    const history = page.getByRole('table', { name: 'Alert notifications, newest first' });
    await history.getByText('firing', { exact: true }).waitFor();
    assert.match((await history.textContent()) ?? '', /Too few live workers — workers/);
    assert.match((await history.textContent()) ?? '', /delivered Ops hook/);
    assert.match((await history.textContent()) ?? '', /delivered Night shift/);

    await t.database.query(`insert into weft_workers (id, host, pid) values ('console:1', 'test', 1)`);
    await tick();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await history.getByText('resolved', { exact: true }).waitFor();
    await page.getByTestId('no-open-alerts').waitFor();
    await screenshot(page, 'alert-history');

    const viewer = await ui.newPage('viewer');
    await openNav(viewer, 'Alerts');
    await viewer.getByRole('table', { name: 'Alert notifications, newest first' }).getByText('resolved').waitFor();
    assert.equal(await viewer.getByRole('link', { name: 'Alert settings' }).count(), 0);
    await viewer.goto(`${ui.base}/settings/alerts`);
    assert.equal(await viewer.getByRole('heading', { name: 'Alert settings' }).count(), 0);
  });

  test('both screens fit a 390 px phone', async () => {
    const phone = await (await ui.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(phone, ui.base, 'admin');
    for (const [path, heading] of [
      ['/settings/alerts', 'Alert settings'],
      ['/alerts', 'Alerts'],
    ]) {
      await phone.goto(`${ui.base}${path}`);
      await phone.getByRole('heading', { name: heading, exact: true }).waitFor();
      await phone
        .locator('[aria-busy="true"]')
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      const width = await phone.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      assert.ok(width <= 390, `${path} is ${width}px wide at 390px`);
    }
    await phone.getByTestId('open-no-live-worker').count();
  });
});
