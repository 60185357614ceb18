import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { noteLoginSucceeded } from '../../src/core/channel-login.ts';
import { deliverDue } from '../../src/core/alerts/deliveries.ts';
import { evaluateAlerts } from '../../src/core/alerts/evaluate.ts';
import { ruleNamed } from '../../src/core/alerts/rules/index.ts';
import { pushContext, pushOf } from '../../src/core/fulfilment/deps.ts';
import { channels } from '../../src/db/schema.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';
import { createChannelFixture, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { databaseKinds } from '../helpers/databases.ts';
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '../helpers/alert-receivers.ts';

/**
 * Destinations as an admin sets them up (secrets kept sealed, the outbound URL policy applied), the
 * Test send button's plain answers, deliveries that fail being retried until they go through, and a
 * login refused during a push marking the channel (so it alerts like a refused sync run).
 */
for (const kind of databaseKinds) {
  describe(`alert delivery (${kind})`, () => {
    let f: ChannelFixture;
    let hook: WebhookReceiver;
    let smtp: SmtpReceiver;
    let webhookId: number;
    let emailId: number;

    before(async () => {
      f = await createChannelFixture(kind, { styles: 1 });
      hook = await startWebhookReceiver();
      smtp = await startSmtpReceiver();
    });
    after(async () => {
      setPrivateUrlsAllowed(true);
      await hook.close();
      await smtp.close();
      await f.close();
    });

    test('destinations: added, listed without secrets, edited keeping them, validated', async () => {
      const added = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'Slack ops', url: `${hook.url}?token=s3cret`, format: 'slack' },
      });
      assert.equal(added.statusCode, 201, added.body);
      webhookId = added.json().id;
      assert.equal(added.json().webhook.urlHint, `${new URL(hook.url).origin}/…`);
      assert.doesNotMatch(added.body, /s3cret/);
      const mail = await f.t.call('POST', '/api/alerts/destinations', {
        body: {
          kind: 'email',
          name: 'Night shift',
          host: smtp.host,
          port: smtp.port,
          user: smtp.user,
          password: 'wrong-password',
          from: 'weft@example.com',
          to: ['night@example.com', 'lead@example.com'],
        },
      });
      assert.equal(mail.statusCode, 201, mail.body);
      emailId = mail.json().id;
      assert.equal(mail.json().email.passwordSet, true);
      assert.doesNotMatch(mail.body, /wrong-password/);
      const { rows } = await f.t.database.query<{ secret: string; config: unknown }>(
        'select secret, config::text as config from alert_destinations where id = $1',
        [emailId],
      );
      assert.doesNotMatch(`${rows[0].secret} ${rows[0].config}`, /wrong-password/, 'the password is sealed');

      const listed = await f.t.call('GET', '/api/alerts/destinations');
      assert.deepEqual(
        listed.json().items.map((d: { name: string }) => d.name),
        ['Slack ops', 'Night shift'],
      );
      assert.doesNotMatch(listed.body, /s3cret|wrong-password/);

      const same = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'Slack ops', url: hook.url },
      });
      assert.equal(same.statusCode, 409);
      assert.match(same.json().error.message, /named "Slack ops" exists already/);
      const noRecipient = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'email', name: 'x', host: 'h', from: 'a@b.c', to: [] },
      });
      assert.equal(noRecipient.statusCode, 400);
      const metadata = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'meta', url: 'http://169.254.169.254/latest' },
      });
      assert.equal(metadata.statusCode, 400);
      assert.match(metadata.json().error.message, /link-local/);
      setPrivateUrlsAllowed(false);
      const loopback = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'inside', url: 'https://127.0.0.1/hook' },
      });
      setPrivateUrlsAllowed(true);
      assert.equal(loopback.statusCode, 400);
      assert.match(loopback.json().error.message, /loopback, private or link-local/);
      assert.equal(
        (
          await f.t.call('POST', '/api/alerts/destinations', {
            as: 'operator',
            body: { kind: 'webhook', name: 'o', url: hook.url },
          })
        ).statusCode,
        403,
      );
    });

    test('test send answers in plain words: delivered, or refused with the reason', async () => {
      const ok = await f.t.call('POST', `/api/alerts/destinations/${webhookId}/test`);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), {
        delivered: true,
        message: 'Delivered. The webhook of Slack ops accepted it (HTTP 200).',
      });
      const text = String(hook.bodies.at(-1)?.text);
      assert.match(text, /^\[Weft\] TEST: Test alert — Slack ops/);

      const refused = await f.t.call('POST', `/api/alerts/destinations/${emailId}/test`);
      assert.equal(refused.json().delivered, false);
      assert.match(
        refused.json().message,
        /^Refused\. The SMTP server 127\.0\.0\.1:\d+ refused the user name or password/,
      );
      assert.equal(smtp.mails.length, 0);

      // The password corrected, nothing else given: the rest is kept.
      const fixed = await f.t.call('PUT', `/api/alerts/destinations/${emailId}`, {
        body: {
          kind: 'email',
          name: 'Night shift',
          host: smtp.host,
          port: smtp.port,
          user: smtp.user,
          password: smtp.password,
          from: 'weft@example.com',
          to: ['night@example.com'],
        },
      });
      assert.equal(fixed.statusCode, 200, fixed.body);
      const sent = await f.t.call('POST', `/api/alerts/destinations/${emailId}/test`);
      assert.match(sent.json().message, /^Delivered\. The SMTP server .* accepted it for 1 recipient\./);
      assert.equal(smtp.mails.length, 1);
      assert.match(smtp.mails[0].subject, /\[Weft\] TEST: Test alert — Night shift/);

      hook.status = 500;
      const down = await f.t.call('POST', `/api/alerts/destinations/${webhookId}/test`);
      hook.status = 200;
      assert.deepEqual(down.json(), {
        delivered: false,
        message:
          'Refused. The webhook of Slack ops answered HTTP 500 Internal Server Error: receiver is down for the test.',
      });
      const closed = await startWebhookReceiver();
      await closed.close();
      const unreachable = await f.t.call('POST', '/api/alerts/destinations', {
        body: { kind: 'webhook', name: 'Nobody', url: closed.url },
      });
      const nobody = await f.t.call('POST', `/api/alerts/destinations/${unreachable.json().id}/test`);
      assert.match(nobody.json().message, /^Refused\. The webhook of Nobody could not be reached \(ECONNREFUSED\)\./);
      assert.equal((await f.t.call('DELETE', `/api/alerts/destinations/${unreachable.json().id}`)).statusCode, 204);
      assert.equal((await f.t.call('POST', `/api/alerts/destinations/${unreachable.json().id}/test`)).statusCode, 404);
    });

    test('a login refused during a push marks the channel', async () => {
      const [channel] = await f.t.database.db.select().from(channels).where(eq(channels.code, f.code));
      assert.equal(channel.loginRefusedAt, null);
      await f.sandbox.control.injectFaults({ route: 'POST /authToken', type: '423', count: -1 });
      const deps = { database: f.t.database, secrets: f.t.secrets, lookup: channelDescriptor };
      const shipment = pushOf({ descriptor: channelDescriptor('ajio-jit')! }, 'shipment');
      await assert.rejects(
        shipment(
          pushContext(deps, channel, 'MUM1', {}, async () => {}),
          { poNumber: 'PO-NONE', fetchLabel: false },
        ),
        /LOGIN_LOCKED/,
      );
      await f.sandbox.control.clearFaults();
      const [after] = await f.t.database.db.select().from(channels).where(eq(channels.code, f.code));
      assert.ok(after.loginRefusedAt, 'the refusal is on the channel');
      assert.match(after.loginRefusedReason ?? '', /LOGIN_LOCKED/);
      const fired = await evaluateAlerts({ database: f.t.database, lookup: channelDescriptor }, [
        ruleNamed('login-refused')!,
      ]);
      assert.deepEqual(fired.fired, [`login-refused:${f.code}`]);
    });

    test('a delivery that fails is recorded and retried until it goes through', async () => {
      hook.status = 503;
      const before = hook.bodies.length;
      const t0 = new Date();
      const first = await deliverDue({ database: f.t.database, secrets: f.t.secrets, now: t0 });
      assert.equal(first.failed, 1, JSON.stringify(first));
      assert.equal(first.delivered, 1, 'the e-mail went');
      const history = await f.t.call('GET', '/api/alerts/history', { as: 'viewer' });
      const [entry] = history.json().items;
      assert.equal(entry.kind, 'fired');
      const failed = entry.deliveries.find((d: { destination: string }) => d.destination === 'Slack ops');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 1);
      assert.match(failed.lastError, /answered HTTP 503/);
      assert.ok(failed.nextAttemptAt);

      // The alert clears while the webhook is still down: the e-mail gets "resolved" at once; the webhook
      // gets nothing before its "fired" goes through, then both, in order.
      const [channel] = await f.t.database.db.select().from(channels).where(eq(channels.code, f.code));
      await noteLoginSucceeded(f.t.database.db, channel.id, new Date());
      const cleared = await evaluateAlerts({ database: f.t.database, lookup: channelDescriptor }, [
        ruleNamed('login-refused')!,
      ]);
      assert.deepEqual(cleared.resolved, [`login-refused:${f.code}`]);
      const early = await deliverDue({
        database: f.t.database,
        secrets: f.t.secrets,
        now: new Date(Date.now() + 1000),
      });
      assert.deepEqual(early, { delivered: 1, failed: 0, dropped: 0 }, 'only the e-mail; the webhook waits');
      assert.equal(hook.bodies.length, before);
      hook.status = 200;
      const retried = await deliverDue({
        database: f.t.database,
        secrets: f.t.secrets,
        now: new Date(Date.now() + 31_000),
      });
      assert.equal(retried.delivered, 2);
      assert.deepEqual(
        hook.bodies.slice(before).map((b) => String(b.text).split(':')[0]),
        ['[Weft] FIRING', '[Weft] RESOLVED'],
      );
      const now = await f.t.call('GET', '/api/alerts/history', { as: 'viewer' });
      const fired = now.json().items.find((e: { kind: string }) => e.kind === 'fired');
      const done = fired.deliveries.find((d: { destination: string }) => d.destination === 'Slack ops');
      assert.equal(done.status, 'delivered');
      assert.equal(done.attempts, 2);
      assert.equal(done.nextAttemptAt, null);
      // Nothing more to send.
      assert.deepEqual(
        await deliverDue({ database: f.t.database, secrets: f.t.secrets, now: new Date(t0.getTime() + 3_600_000) }),
        { delivered: 0, failed: 0, dropped: 0 },
      );
    });
  });
}
