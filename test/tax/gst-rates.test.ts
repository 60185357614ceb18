import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { gstRateFor, GST_RATE_RULES } from '../../src/tax/gst-rates.ts';
import { TaxRuleError } from '../../src/tax/errors.ts';

const rate = (hsn: string, unitValuePaise: number, date: string | Date) =>
  gstRateFor({ hsn, unitValuePaise, date }).ratePercent;

describe('gstRateFor: from 22 Sep 2025 (docs/gst.md b)', () => {
  test('apparel: ₹2,500.00 exactly is 5%, ₹2,500.01 is 18%', () => {
    assert.equal(rate('61091000', 250_000, '2025-09-22'), 5);
    assert.equal(rate('61091000', 250_001, '2025-09-22'), 18);
    assert.equal(rate('62034200', 250_000, '2026-05-01'), 5);
    assert.equal(rate('62034200', 250_001, '2026-05-01'), 18);
  });
  test('apparel between ₹1,000 and ₹2,500 moved from 12% to 5%', () => {
    assert.equal(rate('6109', 150_000, '2025-09-21'), 12);
    assert.equal(rate('6109', 150_000, '2025-09-22'), 5);
  });
  test('footwear: 5% up to ₹2,500 per pair, 18% above', () => {
    assert.equal(rate('640399', 80_000, '2025-09-22'), 5);
    assert.equal(rate('640399', 250_000, '2025-09-22'), 5);
    assert.equal(rate('640399', 250_001, '2025-09-22'), 18);
  });
  test('the explanation names the rule, the value and the source', () => {
    const result = gstRateFor({ hsn: '61091000', unitValuePaise: 89_900, date: '2025-09-23' });
    assert.equal(result.rule.id, 'apparel-2025-upto-2500');
    assert.match(result.explanation, /5% for HSN 61091000 on 2025-09-23/);
    assert.match(result.explanation, /₹899\.00/);
    assert.match(result.explanation, /9\/2025/);
  });
});

describe('gstRateFor: earlier slabs', () => {
  test('apparel up to 21 Sep 2025: ≤ ₹1,000 at 5%, above at 12%', () => {
    assert.equal(rate('61091000', 100_000, '2025-09-21'), 5);
    assert.equal(rate('61091000', 100_001, '2025-09-21'), 12);
    assert.equal(rate('62052000', 300_000, '2019-04-01'), 12);
    assert.equal(rate('62052000', 50_000, '2017-07-01'), 5);
  });
  test('footwear 1 Jan 2022 to 21 Sep 2025: ≤ ₹1,000 at 12%, above at 18%', () => {
    assert.equal(rate('6403', 100_000, '2022-01-01'), 12);
    assert.equal(rate('6403', 100_001, '2022-01-01'), 18);
    assert.equal(rate('6403', 200_000, '2025-09-21'), 18);
  });
  test('footwear before 1 Jan 2022: ≤ ₹1,000 at 5%', () => {
    assert.equal(rate('6403', 100_000, '2021-12-31'), 5);
    assert.equal(rate('6403', 100_001, '2021-12-31'), 18);
  });
  test('footwear before the ₹1,000 band existed is refused rather than guessed', () => {
    assert.throws(
      () => rate('6403', 40_000, '2018-01-01'),
      (err: unknown) => err instanceof TaxRuleError && err.field === 'date',
    );
  });
});

describe('gstRateFor: dates and inputs', () => {
  test('a Date is judged on its IST calendar date', () => {
    // 21 Sep 2025 19:00 UTC is 22 Sep 2025 00:30 IST: the new regime applies.
    assert.equal(rate('61091000', 150_000, new Date('2025-09-21T19:00:00Z')), 5);
    // 21 Sep 2025 18:00 UTC is 21 Sep 2025 23:30 IST: still the old regime.
    assert.equal(rate('61091000', 150_000, new Date('2025-09-21T18:00:00Z')), 12);
  });
  test('other chapters fall to the default rule, which says it is unresearched', () => {
    const result = gstRateFor({ hsn: '42022210', unitValuePaise: 100_000, date: '2026-01-01' });
    assert.equal(result.ratePercent, 18);
    assert.equal(result.rule.id, 'default-standard-18');
    assert.match(result.explanation, /tax adviser/);
  });
  test('bad HSN, dates and values are refused with the field named', () => {
    assert.throws(() => rate('610', 1, '2026-01-01'), /hsn "610" must be 4, 6 or 8 digits/);
    assert.throws(() => rate('00000000', 1, '2026-01-01'), /hsn/);
    assert.throws(() => rate('6109', 1, '2026-02-30'), /not a real calendar date/);
    assert.throws(() => rate('6109', -1, '2026-01-01'), /unitValuePaise/);
  });
  test('the rules for one chapter never overlap', () => {
    for (const a of GST_RATE_RULES) {
      for (const b of GST_RATE_RULES) {
        if (a === b || a.chapters === 'default' || b.chapters === 'default') continue;
        if (!a.chapters.some((c) => (b.chapters as readonly string[]).includes(c))) continue;
        const datesOverlap = a.from <= (b.to ?? '9999') && b.from <= (a.to ?? '9999');
        const bandsOverlap =
          (a.aboveUnitPaise ?? -1) < (b.upToUnitPaise ?? Infinity) &&
          (b.aboveUnitPaise ?? -1) < (a.upToUnitPaise ?? Infinity);
        assert.ok(!(datesOverlap && bandsOverlap), `${a.id} overlaps ${b.id}`);
      }
    }
  });
});
