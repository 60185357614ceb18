import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { alertsEvaluateJob } from '../../src/jobs/definitions/alerts.ts';
import { createLogger } from '../../src/log.ts';
import { createChannelFixture, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { databaseKinds } from '../helpers/databases.ts';
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '../helpers/alert-receivers.ts';

/**
 * Issue 15's Done-when for alerts: with AJIO's /authToken refusing (a sandbox fault), exactly one
 * "login refused" alert reaches a loopback webhook and one e-mail reaches a local SMTP server within
 * two scheduler ticks, none is repeated inside the repeat interval, and one "resolved" follows once
 * the fault clears. A tick is one run of the alerts.evaluate job, as the cron would start it.
 */
for (const kind of databaseKinds) {
  describe(`login refused reaches people (${kind})`, () => {
    let f: ChannelFixture;
    let hook: WebhookReceiver;
    let smtp: SmtpReceiver;

    const tick = () =>
      alertsEvaluateJob.handler(
        {},
        {
          database: f.t.database,
          secrets: f.t.secrets,
          lookup: channelDescriptor,
          log: createLogger('silent'),
          send: async () => null,
        },
        { id: 'tick', retryCount: 0, workerId: 'test' },
      );
    const loginAlerts = () => hook.bodies.filter((b) => b.rule === 'login-refused');

    before(async () => {
      f = await createChannelFixture(kind, { styles: 1 });
      hook = await startWebhookReceiver();
      smtp = await startSmtpReceiver();
      const webhook = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'Ops webhook', url: hook.url, format: 'json' },
      });
      assert.equal(webhook.statusCode, 201, webhook.body);
      const email = await f.t.call('POST', '/api/alerts/destinations', {
        body: {
          kind: 'email',
          name: 'Ops e-mail',
          host: smtp.host,
          port: smtp.port,
          secure: false,
          user: smtp.user,
          password: smtp.password,
          from: 'weft@example.com',
          to: ['ops@example.com'],
        },
      });
      assert.equal(email.statusCode, 201, email.body);
      // Only the login rule matters here; a fresh channel's streams are young and nothing else is wrong.
    });

    after(async () => {
      await hook.close();
      await smtp.close();
      await f.close();
    });

    test('one alert by webhook and one e-mail within two ticks, no repeat, one resolved', async () => {
      await f.sandbox.control.injectFaults({ route: 'POST /authToken', type: '401', count: -1 });
      const refusedRun = await f.run('orders');
      assert.equal(refusedRun.status, 'failed');

      await tick();
      await tick();
      assert.equal(loginAlerts().length, 1, JSON.stringify(hook.bodies));
      const [fired] = loginAlerts();
      assert.equal(fired.kind, 'fired');
      assert.equal(fired.subject, f.code);
      assert.match(String(fired.summary), /refused the login of channel/);
      assert.match(String(fired.summary), /INVALID_CREDENTIALS/);
      const firedMails = smtp.mails.filter((m) => m.subject.includes('Login refused'));
      assert.equal(firedMails.length, 1, smtp.mails.map((m) => m.subject).join('\n'));
      assert.match(firedMails[0].subject, new RegExp(`\\[Weft\\] FIRING: Login refused — ${f.code}`));
      assert.deepEqual(firedMails[0].to, ['ops@example.com']);

      // Still refused, more runs and ticks inside the repeat interval (an hour by default): no repeat.
      assert.equal((await f.run('orders')).status, 'failed');
      await tick();
      await tick();
      assert.equal(loginAlerts().length, 1);
      assert.equal(smtp.mails.filter((m) => m.subject.includes('Login refused')).length, 1);

      await f.sandbox.control.clearFaults();
      assert.notEqual((await f.run('orders')).status, 'failed');
      await tick();
      await tick();
      assert.deepEqual(
        loginAlerts().map((b) => b.kind),
        ['fired', 'resolved'],
      );
      const mails = smtp.mails.filter((m) => m.subject.includes('Login refused')).map((m) => m.subject);
      assert.equal(mails.length, 2);
      assert.match(mails[1], /RESOLVED: Login refused/);

      const history = await f.t.call('GET', '/api/alerts/history', { as: 'viewer' });
      assert.equal(history.statusCode, 200, history.body);
      const entries = history.json().items.filter((e: { rule: string }) => e.rule === 'login-refused');
      assert.deepEqual(
        entries.map((e: { kind: string }) => e.kind),
        ['resolved', 'fired'],
      );
      for (const entry of entries) {
        assert.deepEqual(
          entry.deliveries.map((d: { destination: string; status: string }) => `${d.destination}: ${d.status}`),
          ['Ops webhook: delivered', 'Ops e-mail: delivered'],
        );
      }
      assert.equal(history.json().open.filter((a: { rule: string }) => a.rule === 'login-refused').length, 0);
    });
  });
}
