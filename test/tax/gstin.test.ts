import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gstinCheckChar, gstinProblem, isValidGstin } from '../../src/tax/gstin.ts';

test('GSTIN check character: known GSTINs pass, one changed character is caught', () => {
  for (const gstin of ['27AAACR5055K1Z7', '27AAPFU0939F1ZV', '29AABCR1718E1ZL']) {
    assert.equal(gstinCheckChar(gstin.slice(0, 14)), gstin[14], gstin);
    assert.equal(isValidGstin(gstin), true, gstin);
  }
  assert.match(gstinProblem('27AAACR5055K1Z8') ?? '', /fails its check character \(the last one should be 7/);
  assert.match(gstinProblem('27AAACR5O55K1Z7') ?? '', /not in the GSTIN layout/);
});

test('a GSTIN of another state than the warehouse is refused naming both states', () => {
  assert.equal(gstinProblem('27AAACR5055K1Z7', '27'), null);
  assert.match(
    gstinProblem('27AAACR5055K1Z7', '29') ?? '',
    /registered in Maharashtra \(27\), but the warehouse is in Karnataka \(29\)/,
  );
  assert.match(gstinProblem('99AAACR5055K1Z7') ?? '', /starts with 99, which is not a GST state code/);
});
