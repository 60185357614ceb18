import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import {
  cursorParam,
  fromText,
  id32,
  id32Param,
  id64,
  id64Param,
  int32,
  int32Max,
  int32Min,
  limit,
  maxUnits,
  password,
  quantity,
  text,
  unstorableCharacter,
} from '../../src/core/schema-types.ts';

/** A string survives UTF-8 exactly when it has no unpaired surrogate: the oracle for the check. */
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = fc.string({ unit: anyCodeUnit, maxLength: 40 });
const seed = 20_261_202;

describe('storable text', () => {
  test('unstorableCharacter refuses exactly NUL and unpaired surrogates', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const storable = !s.includes('\u0000') && wellFormed(s);
        assert.equal(unstorableCharacter(s) === null, storable, JSON.stringify(s));
      }),
      { seed, numRuns: 2000 },
    );
  });

  test('text() accepts storable text up to its maximum and nothing else', () => {
    const schema = text({ max: 20 });
    fc.assert(
      fc.property(anyString, (s) => {
        const ok = !s.includes('\u0000') && wellFormed(s) && s.length <= 20;
        assert.equal(schema.safeParse(s).success, ok, JSON.stringify(s));
      }),
      { seed, numRuns: 2000 },
    );
  });

  test('emoji, RTL and other scripts are text like any other', () => {
    for (const s of ['😀', '👩‍👩‍👧‍👦', '\u202Eabc', 'שלום', 'हिन्दी', "' OR 1=1 --", '<b>x</b>'])
      assert.ok(text({ max: 50 }).safeParse(s).success, s);
  });

  test('NUL anywhere and lone surrogates of both halves are refused with a message', () => {
    for (const s of [
      '\u0000',
      'a\u0000',
      '\u0000b',
      '\uD800',
      'a\uDC00',
      '\uDBFF\uDBFF\uDC00'.slice(0, 2),
      '\uDFFF\uD800',
    ]) {
      const result = text({ max: 50 }).safeParse(s);
      assert.equal(result.success, false, JSON.stringify(s));
      assert.match(result.error!.issues[0].message, /NUL|surrogate/);
    }
  });

  test('chained rules run after the character check, so a regex never judges a NUL', () => {
    const code = text({ max: 64 })
      .trim()
      .min(1)
      .regex(/^[A-Z0-9-]+$/, 'codes are capitals');
    const result = code.safeParse('A\u0000B');
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0].message, /NUL/);
    assert.equal(code.parse('  SKU-1 '), 'SKU-1');
  });

  test('passwords are at most 256 characters and are not trimmed', () => {
    assert.equal(password().parse(' secret '), ' secret ');
    assert.equal(password().safeParse('x'.repeat(256)).success, true);
    assert.equal(password().safeParse('x'.repeat(257)).success, false);
    assert.equal(password().safeParse('x'.repeat(900_000)).success, false);
  });
});

describe('integers that fit their columns', () => {
  test('int32 accepts exactly the whole numbers int4 holds', () => {
    const schema = int32();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.integer(),
          fc.constantFrom(int32Max, int32Max + 1, int32Min, int32Min - 1, 2 ** 53, 0.5),
        ),
        (n) => {
          const ok = Number.isInteger(n) && n >= int32Min && n <= int32Max;
          assert.equal(schema.safeParse(n).success, ok, String(n));
        },
      ),
      { seed, numRuns: 2000 },
    );
  });

  test('ids: a serial id past int32 and a bigserial id past 2^53 are refused', () => {
    assert.equal(id32().safeParse(int32Max).success, true);
    assert.equal(id32().safeParse(int32Max + 1).success, false);
    assert.equal(id32().safeParse(0).success, false);
    assert.equal(id64().safeParse(Number.MAX_SAFE_INTEGER).success, true);
    assert.equal(id64().safeParse(2 ** 53).success, false);
  });

  test('quantities are whole units from the minimum to maxUnits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (n) => {
        assert.equal(quantity({ min: 1 }).safeParse(n).success, n >= 1 && n <= maxUnits);
      }),
      { seed, numRuns: 1000 },
    );
  });

  test('numbers in text parse strictly: digits only, then the range', () => {
    const schema = fromText(int32({ min: 1, max: 500 }));
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        assert.equal(schema.safeParse(String(n)).success, n >= 1 && n <= 500);
      }),
      { seed, numRuns: 500 },
    );
    for (const s of ['', ' 1', '1 ', '1e3', '0x10', '1.0', '+1', 'NaN', 'Infinity', '١٢', '9'.repeat(30)]) {
      assert.equal(schema.safeParse(s).success, false, JSON.stringify(s));
    }
  });

  test('path ids: past int32 for a serial table, past 2^53 for a bigserial one, are 400s not database errors', () => {
    assert.equal(id32Param().safeParse('2147483647').success, true);
    assert.equal(id32Param().safeParse('2147483648').success, false);
    assert.equal(id64Param().safeParse('9007199254740991').success, true);
    assert.equal(id64Param().safeParse('9007199254740992').success, false);
    assert.equal(id64Param().safeParse('9223372036854775808').success, false);
  });

  test('limit defaults when absent and refuses 0 and past its maximum', () => {
    const schema = z.object({ limit: limit(500, 50), after: cursorParam().optional() });
    assert.deepEqual(schema.parse({}), { limit: 50 });
    assert.deepEqual(schema.parse({ limit: '500', after: '0' }), { limit: 500, after: 0 });
    assert.equal(schema.safeParse({ limit: '0' }).success, false);
    assert.equal(schema.safeParse({ limit: '501' }).success, false);
    assert.equal(schema.safeParse({ after: '-1' }).success, false);
  });
});
