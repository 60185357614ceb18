import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createChannelFixture, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { parsePrometheusText, sampleValue, type Family } from '../helpers/prometheus-text.ts';

/**
 * /metrics as Prometheus reads it: strictly parseable text, the families docs/metrics.md lists, and
 * per-channel figures that move with what happens at the marketplace — a refused login raises the
 * login-refused gauge and lets the last-success age grow until a login succeeds again; a 429 raises
 * the throttled counter.
 */
const token = 'metrics-token-for-tests-0123456789';

for (const kind of databaseKinds) {
  describe(`/metrics (${kind})`, () => {
    let f: ChannelFixture;
    before(async () => {
      f = await createChannelFixture(kind, {
        styles: 1,
        master: (sellerSku) => ({ code: sellerSku }),
        app: { metrics: { token, cacheMs: 0 } },
      });
    });
    after(() => f.close());

    const scrape = async (): Promise<Map<string, Family>> => {
      const response = await f.t.call('GET', '/metrics', { as: null, headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      return parsePrometheusText(response.body);
    };

    test('the text parses strictly and holds every family, typed, with the HTTP histogram per route pattern', async () => {
      assert.equal((await f.run('skus')).status, 'succeeded');
      await f.t.call('GET', '/api/orders/424242'); // a pattern with a parameter, answered 404
      const families = await scrape();
      const expected: Record<string, string> = {
        weft_http_request_duration_seconds: 'histogram',
        weft_marketplace_calls_total: 'counter',
        weft_marketplace_throttled_total: 'counter',
        weft_metrics_database_read_ok: 'gauge',
        weft_channel_info: 'gauge',
        weft_channel_login_refused: 'gauge',
        weft_sync_last_success_age_seconds: 'gauge',
        weft_sync_runs_24h: 'gauge',
        weft_sync_records_24h: 'gauge',
        weft_outbox_items: 'gauge',
        weft_outbox_oldest_age_seconds: 'gauge',
        weft_inventory_push_lag_seconds: 'gauge',
        weft_open_purchase_orders: 'gauge',
        weft_open_purchase_order_oldest_age_seconds: 'gauge',
        weft_purchase_orders_by_sla_state: 'gauge',
        weft_job_queue_jobs: 'gauge',
        weft_workers_live: 'gauge',
      };
      for (const [name, type] of Object.entries(expected)) {
        assert.equal(families.get(name)?.type, type, `${name} is a ${type}`);
        assert.ok(families.get(name)?.help, `${name} has help`);
      }
      assert.equal(sampleValue(families, 'weft_metrics_database_read_ok'), 1);
      const routes = new Set(families.get('weft_http_request_duration_seconds')!.samples.map((s) => s.labels.route));
      assert.ok(routes.has('/api/orders/:id'), 'the pattern, not the URL');
      assert.ok(![...routes].some((r) => r.includes('424242')), 'no raw URL becomes a label');
      const classes = new Set(
        families.get('weft_http_request_duration_seconds')!.samples.map((s) => s.labels.status_class),
      );
      assert.ok([...classes].every((c) => /^[1-5]xx$/.test(c)));
      assert.equal(
        sampleValue(families, 'weft_sync_runs_24h', { channel: f.code, stream: 'skus', status: 'succeeded' }),
        1,
      );
      assert.ok(
        (sampleValue(families, 'weft_sync_records_24h', { channel: f.code, stream: 'skus', outcome: 'created' }) ?? 0) >
          0,
      );
      assert.ok((sampleValue(families, 'weft_marketplace_calls_total', { channel: f.code, outcome: 'ok' }) ?? 0) > 0);
      assert.equal(sampleValue(families, 'weft_channel_login_refused', { channel: f.code }), 0);
      assert.ok(
        (sampleValue(families, 'weft_sync_last_success_age_seconds', { channel: f.code, stream: 'skus' }) ?? 99) < 60,
      );
      assert.ok(families.get('weft_job_queue_jobs')!.samples.some((s) => s.labels.state === 'created'));
      assert.equal(sampleValue(families, 'weft_outbox_oldest_age_seconds', { channel: f.code }), 0);
    });

    test('a refused login sets the login-refused gauge and the last-success age grows; a good login clears it', async () => {
      const ageBefore = sampleValue(await scrape(), 'weft_sync_last_success_age_seconds', {
        channel: f.code,
        stream: 'skus',
      })!;
      const refusedBefore = sampleValue(await scrape(), 'weft_marketplace_calls_total', {
        channel: f.code,
        method: 'POST',
        outcome: 'refused',
      });
      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: 'changed-at-ajio' } } });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal((await f.run('skus')).status, 'failed');
      let families = await scrape();
      assert.equal(sampleValue(families, 'weft_channel_login_refused', { channel: f.code }), 1);
      const ageDuring = sampleValue(families, 'weft_sync_last_success_age_seconds', {
        channel: f.code,
        stream: 'skus',
      })!;
      assert.ok(ageDuring >= ageBefore + 1, `the age grows: ${ageBefore} → ${ageDuring}`);
      assert.equal(
        sampleValue(families, 'weft_sync_runs_24h', { channel: f.code, stream: 'skus', status: 'failed' }),
        1,
      );
      assert.ok(
        sampleValue(families, 'weft_marketplace_calls_total', {
          channel: f.code,
          method: 'POST',
          outcome: 'refused',
        })! > (refusedBefore ?? 0),
        'the refused login call is counted',
      );

      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: 'api-secret' } } });
      assert.equal((await f.run('skus')).status, 'succeeded');
      families = await scrape();
      assert.equal(sampleValue(families, 'weft_channel_login_refused', { channel: f.code }), 0);
      assert.ok(
        sampleValue(families, 'weft_sync_last_success_age_seconds', { channel: f.code, stream: 'skus' })! < ageDuring,
      );
    });

    test('a 429 from the marketplace raises the throttled counter and the throttled calls', async () => {
      const before = await scrape();
      const throttledBefore = sampleValue(before, 'weft_marketplace_throttled_total', { channel: f.code }) ?? 0;
      await f.sandbox.control.injectFaults([{ route: 'GET *', type: '429', count: 2, retryAfter: 1 }]);
      const run = await f.run('skus');
      assert.equal(run.status, 'succeeded', `the client waits and retries: ${run.error}`);
      const families = await scrape();
      assert.equal(sampleValue(families, 'weft_marketplace_throttled_total', { channel: f.code }), throttledBefore + 2);
      assert.ok(
        (sampleValue(families, 'weft_marketplace_calls_total', { channel: f.code, outcome: 'throttled' }) ?? 0) >= 2,
      );
    });

    test('run outcomes cover the last 24 hours; the last success is found however old', async () => {
      await f.t.database.query(
        `insert into sync_runs (channel_id, stream, status, created_at, started_at, finished_at, created)
         select id, 'returns', 'succeeded', now() - interval '2 days', now() - interval '2 days', now() - interval '2 days', 7
         from channels where code = $1`,
        [f.code],
      );
      const families = await scrape();
      const age = sampleValue(families, 'weft_sync_last_success_age_seconds', { channel: f.code, stream: 'returns' })!;
      assert.ok(Math.abs(age - 2 * 86400) < 120, `two days: ${age}`);
      assert.equal(sampleValue(families, 'weft_sync_runs_24h', { channel: f.code, stream: 'returns' }), undefined);
      assert.equal(sampleValue(families, 'weft_sync_records_24h', { channel: f.code, stream: 'returns' }), undefined);
    });

    test('POs by SLA state and open POs: a PO 25 hours old has missed its 24-hour target', async () => {
      const before = await scrape();
      assert.equal(
        sampleValue(before, 'weft_purchase_orders_by_sla_state', { channel: f.code, state: 'breached_target' }),
        0,
      );
      await f.t.database.query(
        `insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status)
         select id, warehouse_id, 'METRICS-SLA-1', 'PO-METRICS-1', now() - interval '25 hours', 'open'
         from channels where code = $1`,
        [f.code],
      );
      const families = await scrape();
      const state = (name: string) =>
        sampleValue(families, 'weft_purchase_orders_by_sla_state', { channel: f.code, state: name });
      assert.deepEqual(['due', 'at_risk', 'breached_target', 'breached_limit'].map(state), [0, 0, 1, 0]);
      assert.equal(sampleValue(families, 'weft_open_purchase_orders', { channel: f.code }), 1);
      const oldest = sampleValue(families, 'weft_open_purchase_order_oldest_age_seconds', { channel: f.code })!;
      assert.ok(Math.abs(oldest - 25 * 3600) < 120, `25 hours: ${oldest}`);
      await f.t.database.query("delete from orders where external_id = 'METRICS-SLA-1'");
    });

    test('inventory push lag: a stock movement after the last push shows its age until a push sends it', async () => {
      const first = await f.run('inventory');
      assert.equal(first.status, 'succeeded', JSON.stringify([first.error, first.records.slice(0, 3)]));
      assert.equal(sampleValue(await scrape(), 'weft_inventory_push_lag_seconds', { channel: f.code }), 0);
      const [{ code: sku }] = (
        await f.t.database.query<{ code: string }>('select code from skus order by code limit 1')
      ).rows;
      const moved = await f.t.call('POST', '/api/inventory/movements', {
        body: { warehouse: 'MUM1', sku, kind: 'inbound', quantity: 3, reason: 'metrics test' },
      });
      assert.ok(moved.statusCode < 300, moved.body);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.ok(sampleValue(await scrape(), 'weft_inventory_push_lag_seconds', { channel: f.code })! >= 1);
      assert.equal((await f.run('inventory')).status, 'succeeded');
      assert.equal(sampleValue(await scrape(), 'weft_inventory_push_lag_seconds', { channel: f.code }), 0);
    });
  });
}
