import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { noteLoginRefused, noteLoginSucceeded } from '../../src/core/channel-login.ts';
import { evaluateAlerts, type Evaluation } from '../../src/core/alerts/evaluate.ts';
import type { AlertRule } from '../../src/core/alerts/rule.ts';
import { alertRules, ruleNamed } from '../../src/core/alerts/rules/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';

/**
 * Each alert rule through its life: it fires when its condition starts, is not repeated on the next
 * evaluations inside the repeat interval, is repeated once the interval has passed, and resolves once
 * when the condition clears. Evaluations are given their clock, so an hour passes without waiting.
 */
const minutes = (n: number) => n * 60_000;

for (const kind of databaseKinds) {
  describe(`alert rules (${kind})`, () => {
    let t: TestApp;
    let channelId: number;
    let code: string;

    before(async () => {
      t = await createTestApp(kind);
      await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7' },
      });
      const created = await t.call('POST', '/api/channels', {
        body: {
          type: 'ajio-jit',
          name: 'AJIO JIT Bhiwandi',
          warehouse: 'MUM1',
          settings: { orderSyncFrom: '2024-01-01', returnSyncFrom: '2024-01-01', baseUrl: 'http://127.0.0.1:9' },
          interface: { username: 'DVALERT1', password: 'pw', isB2B: 'Yes' },
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      code = created.json().code;
      const { rows } = await t.database.query<{ id: number }>('select id from channels where code = $1', [code]);
      channelId = rows[0].id;
    });
    after(() => t.close());

    const evaluate = (rule: AlertRule, now = new Date()) =>
      evaluateAlerts({ database: t.database, lookup: channelDescriptor, now }, [rule]);

    /** Start → fired once; again → nothing; after the repeat interval → repeated; clear → resolved once. */
    async function lifecycle(
      name: string,
      subject: string,
      start: () => Promise<unknown>,
      clear: () => Promise<unknown>,
    ) {
      const rule = ruleNamed(name)!;
      const label = `${name}:${subject}`;
      const has = (e: Evaluation, what: keyof Omit<Evaluation, 'failed'>) => e[what].includes(label);
      const before = await evaluate(rule);
      assert.ok(!has(before, 'fired'), `${label} fires only once its condition starts`);
      await start();
      const t0 = new Date();
      const first = await evaluate(rule, t0);
      assert.deepEqual(first.failed, []);
      assert.ok(has(first, 'fired'), `${label} fired: ${JSON.stringify(first)}`);
      const again = await evaluate(rule, new Date(t0.getTime() + minutes(1)));
      assert.ok(
        !has(again, 'fired') && !has(again, 'repeated'),
        `no repeat inside the interval: ${JSON.stringify(again)}`,
      );
      const later = await evaluate(rule, new Date(t0.getTime() + minutes(61)));
      assert.ok(has(later, 'repeated'), `repeated after the interval: ${JSON.stringify(later)}`);
      const soon = await evaluate(rule, new Date(t0.getTime() + minutes(62)));
      assert.ok(!has(soon, 'repeated'), 'the repeat restarts the interval');
      await clear();
      const cleared = await evaluate(rule, new Date(Math.max(Date.now(), t0.getTime() + minutes(63))));
      assert.ok(has(cleared, 'resolved'), `resolved: ${JSON.stringify(cleared)}`);
      const after = await evaluate(rule, new Date(Math.max(Date.now(), t0.getTime() + minutes(64))));
      assert.ok(!has(after, 'resolved') && !has(after, 'fired'), 'resolved once');
      const kinds = await t.database.query<{ kind: string }>(
        `select n.kind from alert_notifications n join alerts a on a.id = n.alert_id
         where a.rule = $1 and a.subject = $2 order by n.id`,
        [name, subject],
      );
      assert.deepEqual(
        kinds.rows.map((r) => r.kind),
        ['fired', 'repeated', 'resolved'],
      );
    }

    test('every rule is listed once, with a title', () => {
      const names = alertRules.map((r) => r.name);
      assert.equal(new Set(names).size, names.length);
      for (const r of alertRules) assert.ok(r.title.length > 3, r.name);
    });

    test('login refused or locked', () =>
      lifecycle(
        'login-refused',
        code,
        () => noteLoginRefused(t.database.db, channelId, "AJIO refused the channel's username or password"),
        () => noteLoginSucceeded(t.database.db, channelId, new Date()),
      ));

    test('a stream without success for longer than its interval × N', () =>
      lifecycle(
        'stream-stale',
        `${code}:orders`,
        () => t.database.query(`update channels set created_at = now() - interval '3 days' where id = $1`, [channelId]),
        () =>
          t.database.query(
            `insert into sync_runs (channel_id, stream, status, finished_at) values ($1, 'orders', 'succeeded', now() + interval '2 hours')`,
            [channelId],
          ),
      ));

    test('an outbox item older than the limit', () =>
      lifecycle(
        'outbox-age',
        code,
        () =>
          t.database.query(
            `insert into outbox (channel_id, kind, idempotency_key, payload, status, created_at)
             values ($1, 'invoice', 'invoice:test:1', '{}', 'pending', now() - interval '2 hours')`,
            [channelId],
          ),
        () => t.database.query(`update outbox set status = 'succeeded' where idempotency_key = 'invoice:test:1'`),
      ));

    test('reconciliation drift above the share', () =>
      lifecycle(
        'reconciliation-drift',
        code,
        () =>
          t.database.query(`insert into reconciliation_reports (channel_id, compared, drifted) values ($1, 100, 20)`, [
            channelId,
          ]),
        () =>
          t.database.query(`insert into reconciliation_reports (channel_id, compared, drifted) values ($1, 100, 2)`, [
            channelId,
          ]),
      ));

    test('a dead-lettered job', () =>
      lifecycle(
        'dead-job',
        'fulfilment.pack-documents',
        () => t.jobs.boss.send('fulfilment.pack-documents.dead', { orderId: 1 }),
        () =>
          t.database.query(
            `update pgboss.job set created_on = now() - interval '3 days' where name = 'fulfilment.pack-documents.dead'`,
          ),
      ));

    test('no live worker', async () => {
      // The test app works no jobs: a process with a heartbeat is made up, then stops.
      await t.database.query(`insert into weft_workers (id, host, pid) values ('test:0', 'test', 0)`);
      await lifecycle(
        'no-live-worker',
        'workers',
        () => t.database.query(`delete from weft_workers`),
        () =>
          t.database.query(
            `insert into weft_workers (id, host, pid, last_seen_at) values ('test:1', 'test', 1, now() + interval '2 hours')`,
          ),
      );
    });

    test('open contract drift', () =>
      lifecycle(
        'contract-drift',
        code,
        () =>
          t.database.query(
            `insert into contract_drift_events (channel_id, call, field_path, expected, got, sample)
             values ($1, 'GET /orders', 'orders[*].po_number', 'string', 'missing', '{}')`,
            [channelId],
          ),
        () => t.database.query(`update contract_drift_events set resolved_at = now(), resolved_by = 'test'`),
      ));

    test('POs at risk or breached', () =>
      lifecycle(
        'po-sla',
        code,
        // A PO dated 30 hours ago, still open: past its 24-hour dispatch target.
        () =>
          t.database.query(
            `insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status, marketplace_status)
             values ($1, (select warehouse_id from channels where id = $1), 'SLA-ORDER-1', 'SLA-PO-1', now() - interval '30 hours', 'open', 'CONFIRMED')`,
            [channelId],
          ),
        () => t.database.query(`update orders set status = 'cancelled' where po_number = 'SLA-PO-1'`),
      ));

    test('two schedulers evaluating at once open an alert once', async () => {
      await noteLoginRefused(t.database.db, channelId, 'locked (LOGIN_LOCKED)');
      const rule = ruleNamed('login-refused')!;
      const now = new Date();
      const both = await Promise.all([evaluate(rule, now), evaluate(rule, now)]);
      assert.equal(both.flatMap((e) => e.fired).length, 1, JSON.stringify(both));
      const { rows } = await t.database.query<{ n: number }>(
        `select count(*)::int as n from alerts where rule = 'login-refused' and resolved_at is null`,
      );
      assert.equal(rows[0].n, 1);
      await noteLoginSucceeded(t.database.db, channelId, new Date());
      const cleared = await Promise.all([evaluate(rule), evaluate(rule)]);
      assert.equal(cleared.flatMap((e) => e.resolved).length, 1);
    });

    test('a rule that fails leaves its alerts open and the others evaluated', async () => {
      const broken: AlertRule = {
        name: 'broken',
        title: 'Broken',
        evaluate: async () => {
          throw new Error('the query failed');
        },
      };
      const outcome = await evaluateAlerts({ database: t.database, lookup: channelDescriptor }, [
        broken,
        ruleNamed('no-live-worker')!,
      ]);
      assert.deepEqual(outcome.failed, [{ rule: 'broken', error: 'the query failed' }]);
    });

    test('thresholds are settings with defaults, validated', async () => {
      const read = await t.call('GET', '/api/alerts/settings');
      assert.equal(read.statusCode, 200, read.body);
      assert.deepEqual(read.json(), {
        repeatMinutes: 60,
        streamStaleFactor: 3,
        streamStaleMinMinutes: 15,
        outboxMaxAgeMinutes: 30,
        reconciliationDriftShare: 0.05,
        deadJobWindowHours: 24,
        minLiveWorkers: 1,
      });
      const bad = await t.call('PUT', '/api/alerts/settings', { body: { reconciliationDriftShare: 2 } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.json().error.message, /between 0 and 1/);
      const viewer = await t.call('PUT', '/api/alerts/settings', { as: 'viewer', body: { repeatMinutes: 5 } });
      assert.equal(viewer.statusCode, 403);
      const saved = await t.call('PUT', '/api/alerts/settings', { body: { repeatMinutes: 15, streamStaleFactor: 4 } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().repeatMinutes, 15);
      assert.equal(saved.json().outboxMaxAgeMinutes, 30, 'fields left out keep their value');
      // The new interval applies: a lasting alert repeats after 15 minutes.
      await noteLoginRefused(t.database.db, channelId, 'refused');
      const rule = ruleNamed('login-refused')!;
      const t0 = new Date();
      assert.deepEqual((await evaluate(rule, t0)).fired, [`login-refused:${code}`]);
      assert.deepEqual((await evaluate(rule, new Date(t0.getTime() + minutes(16)))).repeated, [
        `login-refused:${code}`,
      ]);
      await noteLoginSucceeded(t.database.db, channelId, new Date());
      await evaluate(rule, new Date(t0.getTime() + minutes(17)));
      await t.call('PUT', '/api/alerts/settings', { body: { repeatMinutes: 60, streamStaleFactor: 3 } });
    });

    test('the history needs a signed-in viewer', async () => {
      assert.equal((await t.call('GET', '/api/alerts/history', { as: null })).statusCode, 401);
      const seen = await t.call('GET', '/api/alerts/history?limit=2', { as: 'viewer' });
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json().items.length, 2);
      const next = await t.call('GET', `/api/alerts/history?limit=2&before=${seen.json().next}`, { as: 'viewer' });
      assert.ok(next.json().items.every((i: { id: number }) => i.id < seen.json().next));
      assert.equal((await t.call('GET', '/api/alerts/destinations', { as: 'viewer' })).statusCode, 403);
    });
  });
}
