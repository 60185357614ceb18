import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text.ts';
import { reportMarketplaceCall } from '../../src/core/metrics/marketplace-calls.ts';

/**
 * Label values come from data (channel codes, stream names, outbox kinds, what a channel module
 * reports): whatever they hold — quotes, backslashes, newlines, braces, commas, `=`, `#`, non-Latin
 * text — /metrics stays parseable and each value reads back exactly as stored.
 */
const hostileChar = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '{',
  '}',
  ',',
  '=',
  ' ',
  '#',
  'a',
  'Z',
  '9',
  'é',
  'अ',
  '😀',
  '\u2028',
  '\\n',
  '"}',
);
const hostile = fc.array(hostileChar, { minLength: 0, maxLength: 12 }).map((parts) => parts.join(''));
const token = 'hostile-label-token-0123456789';

for (const kind of databaseKinds) {
  describe(`/metrics with hostile label values (${kind})`, () => {
    let t: TestApp;
    let warehouseId: number;
    before(async () => {
      t = await createTestApp(kind, { metrics: { token, cacheMs: 0 } });
      const { rows } = await t.database.query<{ id: number }>(
        "insert into warehouses (code, name, state_code, pincode) values ('HOST1', 'Hostile', '27', '400001') returning id",
      );
      warehouseId = rows[0].id;
    });
    after(() => t.close());

    test('channel codes, stream names, push kinds and reported channels of any text parse and read back', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(hostile, hostile, hostile, hostile, async (code, stream, kindText, reported) => {
          run++;
          const channelCode = `${run}${code}`;
          const {
            rows: [{ id }],
          } = await t.database.query<{ id: number }>(
            `insert into channels (code, type, name, warehouse_id, login_refused_at)
             values ($1, 'test-type', 'Hostile', $2, now()) returning id`,
            [channelCode, warehouseId],
          );
          await t.database.query(
            `insert into sync_runs (channel_id, stream, status, finished_at, created) values ($1, $2, 'succeeded', now(), 3)`,
            [id, stream],
          );
          await t.database.query(
            `insert into outbox (channel_id, kind, idempotency_key, payload) values ($1, $2, $3, '{}')`,
            [id, kindText, `hostile:${run}`],
          );
          reportMarketplaceCall({ channel: reported, method: `X${reported}`, outcome: 'throttled' });

          const response = await t.app.inject({
            method: 'GET',
            url: '/metrics',
            headers: { authorization: `Bearer ${token}` },
          });
          assert.equal(response.statusCode, 200);
          const families = parsePrometheusText(response.body);
          assert.equal(sampleValue(families, 'weft_channel_login_refused', { channel: channelCode }), 1);
          assert.equal(
            sampleValue(families, 'weft_sync_runs_24h', { channel: channelCode, stream, status: 'succeeded' }),
            1,
          );
          assert.equal(
            sampleValue(families, 'weft_sync_records_24h', { channel: channelCode, stream, outcome: 'created' }),
            3,
          );
          assert.equal(
            sampleValue(families, 'weft_outbox_items', { channel: channelCode, kind: kindText, status: 'pending' }),
            1,
          );
          assert.ok(
            (sampleValue(families, 'weft_marketplace_calls_total', {
              channel: reported,
              method: 'OTHER',
              outcome: 'throttled',
            }) ?? 0) >= 1,
            'an unknown method becomes OTHER; the channel reads back',
          );
        }),
        { numRuns: kind === 'pglite' ? 40 : 25 },
      );
    });
  });
}
