import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ageingBucket,
  ageingBuckets,
  openSlaState,
  slaClock,
  slaSettingsSchema,
  type SlaSettings,
} from '../../src/core/orders/sla.ts';

const hour = 3_600_000;
/** Valid settings: 1 ≤ target ≤ limit ≤ 720, 0 ≤ at-risk < target. */
const settingsArb = fc
  .record({ target: fc.integer({ min: 1, max: 720 }), extra: fc.integer({ min: 0, max: 720 }), risk: fc.nat() })
  .map(({ target, extra, risk }) =>
    slaSettingsSchema.parse({
      targetHours: target,
      limitHours: Math.min(720, target + extra),
      atRiskHours: risk % target,
    }),
  );
const poDateArb = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2030-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const offsetArb = fc.integer({ min: -10 * hour, max: 800 * hour });

const rank = { due: 0, at_risk: 1, breached_target: 2, breached_limit: 3 } as const;

describe('SLA clock (pure functions)', () => {
  test('dispatch-by and limit are the PO date plus the hours; due-in is whole hours left, rounded up', () => {
    fc.assert(
      fc.property(poDateArb, offsetArb, settingsArb, (poDate, offset, s) => {
        const now = new Date(poDate.getTime() + offset);
        const c = slaClock({ poDate }, now, s);
        assert.equal(c.dispatchBy.getTime() - poDate.getTime(), s.targetHours * hour);
        assert.equal(c.dispatchLimit.getTime() - poDate.getTime(), s.limitHours * hour);
        const left = c.dispatchBy.getTime() - now.getTime();
        assert.ok(c.dueInHours * hour >= left && (c.dueInHours - 1) * hour < left);
      }),
    );
  });

  test('the state only moves forward as time passes, and matches its boundaries', () => {
    fc.assert(
      fc.property(poDateArb, offsetArb, fc.nat({ max: 100 * hour }), settingsArb, (poDate, offset, step, s) => {
        const a = openSlaState(poDate, new Date(poDate.getTime() + offset), s);
        const b = openSlaState(poDate, new Date(poDate.getTime() + offset + step), s);
        assert.ok(rank[a] <= rank[b], `${a} then ${b}`);
        const t = poDate.getTime() + offset;
        const expected =
          t > poDate.getTime() + s.limitHours * hour
            ? 'breached_limit'
            : t > poDate.getTime() + s.targetHours * hour
              ? 'breached_target'
              : t >= poDate.getTime() + (s.targetHours - s.atRiskHours) * hour
                ? 'at_risk'
                : 'due';
        assert.equal(a, expected);
      }),
    );
  });

  test('labels: due and at risk say "due in N h"; breaches say which; a dispatched PO stops the clock', () => {
    fc.assert(
      fc.property(poDateArb, offsetArb, offsetArb, settingsArb, (poDate, offset, sent, s) => {
        const now = new Date(poDate.getTime() + offset);
        const open = slaClock({ poDate }, now, s);
        if (open.state === 'due' || open.state === 'at_risk') assert.equal(open.label, `due in ${open.dueInHours} h`);
        if (open.state === 'breached_target') assert.equal(open.label, 'breached target');
        if (open.state === 'breached_limit') assert.equal(open.label, 'breached limit');
        const dispatchedAt = new Date(poDate.getTime() + sent);
        const done = slaClock({ poDate, dispatchedAt }, now, s);
        assert.equal(done.state, sent <= s.targetHours * hour ? 'dispatched_on_time' : 'dispatched_late');
        assert.equal(done.ageHours, sent / hour, 'age stops at dispatch');
      }),
    );
  });

  test('ageing buckets are ordered and cover every age', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (age, more) => {
          assert.ok(ageingBuckets.indexOf(ageingBucket(age)) <= ageingBuckets.indexOf(ageingBucket(age + more)));
        },
      ),
    );
    assert.deepEqual([11.99, 12, 23.99, 24, 47.99, 48].map(ageingBucket), [
      '<12h',
      '12-24h',
      '12-24h',
      '24-48h',
      '24-48h',
      '>48h',
    ]);
  });

  test('the Done-when hours with the defaults (24 h target, 48 h limit)', () => {
    const s: SlaSettings = slaSettingsSchema.parse({});
    const poDate = new Date('2026-12-01T04:30:00Z');
    const label = (h: number) => slaClock({ poDate }, new Date(poDate.getTime() + h * hour), s).label;
    assert.deepEqual([label(20), label(25), label(49)], ['due in 4 h', 'breached target', 'breached limit']);
  });

  test('settings: the limit comes after the target; at-risk before the target; named messages', () => {
    const bad = slaSettingsSchema.safeParse({ targetHours: 24, limitHours: 12 });
    assert.equal(bad.success, false);
    assert.match(bad.error!.issues[0].message, /dispatch limit comes after the target/);
    assert.equal(slaSettingsSchema.safeParse({ targetHours: 4, atRiskHours: 4 }).success, false);
    assert.equal(slaSettingsSchema.safeParse({ targetHours: 0 }).success, false);
  });
});
