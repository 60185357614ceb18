import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import type { ChannelDescriptor } from '../../src/core/channel-descriptor.ts';
import { openSlaState, slaSettingsSchema, type SlaSettings } from '../../src/core/orders/sla.ts';
import { slaStateCounts } from '../../src/core/orders/sla-sql.ts';

/**
 * The SLA clock in SQL (sorting, filtering, counting) agrees with the pure functions: for random PO
 * dates, clocks and hours, slaStateCounts puts the one open PO in the state openSlaState names, and
 * counts nothing for a shipped or cancelled PO.
 */
for (const kind of databaseKinds) {
  describe(`SLA clock in SQL agrees with sla.ts (${kind})`, () => {
    let database: TestDatabase;
    let settings: SlaSettings;
    let channelId: number;
    let orderId: number;
    // A stand-in channel type whose policy answers the settings of the current run.
    const lookup = () => ({ policy: () => ({ sla: settings }) }) as unknown as ChannelDescriptor;

    before(async () => {
      database = await createTestDatabase(kind);
      const w = await database.query<{ id: number }>(
        `insert into warehouses (code, name, state_code, pincode) values ('W1', 'W', '27', '400001') returning id`,
      );
      const c = await database.query<{ id: number }>(
        `insert into channels (code, type, name, warehouse_id) values ('C1', 'test', 'Test', $1) returning id`,
        [w.rows[0].id],
      );
      channelId = Number(c.rows[0].id);
      const o = await database.query<{ id: number }>(
        `insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status)
         values ($1, $2, 'X1', 'PO1', now(), 'open') returning id`,
        [channelId, w.rows[0].id],
      );
      orderId = Number(o.rows[0].id);
    });
    after(async () => database.dispose());

    test('one open PO lands in the state openSlaState names; a shipped or cancelled one is not counted', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 200 }),
          fc.integer({ min: 0, max: 200 }),
          fc.nat(),
          fc.integer({ min: -5 * 60, max: 300 * 60 }),
          fc.constantFrom('open', 'picking', 'on_hold', 'shipped', 'cancelled'),
          async (target, extra, risk, minutes, status) => {
            settings = slaSettingsSchema.parse({
              targetHours: target,
              limitHours: target + extra,
              atRiskHours: risk % target,
            });
            const poDate = new Date('2026-11-01T06:30:00Z');
            await database.query('update orders set po_date = $2, status = $3 where id = $1', [
              orderId,
              poDate.toISOString(),
              status,
            ]);
            const now = new Date(poDate.getTime() + minutes * 60_000 + (minutes % 7 === 0 ? 0 : 1));
            const counts = await slaStateCounts(database.db, channelId, now, lookup);
            const expected = { due: 0, at_risk: 0, breached_target: 0, breached_limit: 0 };
            if (status !== 'shipped' && status !== 'cancelled') expected[openSlaState(poDate, now, settings)] = 1;
            assert.deepEqual(counts, expected, JSON.stringify({ settings, minutes, status }));
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
