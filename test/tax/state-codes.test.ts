import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  GST_STATES,
  isGstStateCode,
  normaliseStateCode,
  stateByCode,
  stateCodeOfGstin,
} from '../../src/tax/state-codes.ts';

describe('GST state codes (docs/gst.md a6)', () => {
  test('covers 01–38, 96 and 97 and nothing else', () => {
    const codes = GST_STATES.map((s) => s.code);
    const expected = [...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, '0')), '96', '97'];
    assert.deepEqual(codes, expected);
    assert.equal(isGstStateCode('99'), false);
    assert.equal(isGstStateCode('00'), false);
  });
  test('names and UTGST territories', () => {
    assert.equal(stateByCode('27').name, 'Maharashtra');
    assert.equal(stateByCode(29).name, 'Karnataka');
    assert.equal(stateByCode('97').name, 'Other Territory');
    assert.equal(stateByCode('96').name, 'Other Countries');
    const utgst = GST_STATES.filter((s) => s.utgst && !s.legacy).map((s) => s.code);
    assert.deepEqual(utgst, ['04', '26', '31', '35', '38']);
    assert.equal(stateByCode('07').utgst, false, 'Delhi has a legislature and levies SGST');
  });
  test('normalises to two digits and refuses unknown codes', () => {
    assert.equal(normaliseStateCode('7'), '07');
    assert.equal(normaliseStateCode(9), '09');
    assert.throws(() => normaliseStateCode('99', 'placeOfSupply'), /placeOfSupply "99" is not a GST state code/);
    assert.throws(() => normaliseStateCode('7a'), /not a one- or two-digit/);
  });
  test('state code of a GSTIN is its first two digits', () => {
    assert.equal(stateCodeOfGstin('27AAACR5055K1Z7'), '27');
    assert.throws(() => stateCodeOfGstin('27AAACR5055K1Z'), /15-character GSTIN/);
  });
});
