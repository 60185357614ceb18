import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkChannelTax, type WeftLineTax } from '../../src/tax/tax-check.ts';

const weft: WeftLineTax[] = [
  {
    lineRef: 'L1',
    ratePercent: 5,
    cgstPaise: 0,
    sgstPaise: 0,
    igstPaise: 44_950,
    rateExplanation: '5% for HSN 61091000',
  },
  { lineRef: 'L2', ratePercent: 18, cgstPaise: 0, sgstPaise: 0, igstPaise: 54_000 },
];

describe('checkChannelTax', () => {
  test('agreeing figures (within one paisa) pass', () => {
    const result = checkChannelTax(
      [
        { lineRef: 'L1', ratePercent: 5, cgstPaise: 0, sgstPaise: 0, igstPaise: 44_950 },
        { lineRef: 'L2', ratePercent: 18, cgstPaise: 0, sgstPaise: 0, igstPaise: 54_001 },
      ],
      weft,
    );
    assert.deepEqual(result, { agrees: true, disagreements: [] });
  });
  test('a wrong rate and amount are listed with both figures', () => {
    const result = checkChannelTax(
      [
        { lineRef: 'L1', ratePercent: 12, cgstPaise: 0, sgstPaise: 0, igstPaise: 107_880 },
        { lineRef: 'L2', ratePercent: 18, cgstPaise: 0, sgstPaise: 0, igstPaise: 54_000 },
      ],
      weft,
    );
    assert.equal(result.agrees, false);
    assert.deepEqual(
      result.disagreements.map((d) => [d.lineRef, d.field, d.channel, d.weft]),
      [
        ['L1', 'rate', 12, 5],
        ['L1', 'igst', 107_880, 44_950],
      ],
    );
    assert.match(result.disagreements[0].message, /channel rate 12% but Weft charges 5% \(5% for HSN 61091000\)/);
    assert.match(result.disagreements[1].message, /₹1078\.80 but Weft computes ₹449\.50/);
  });
  test('CGST+SGST against IGST is a regime disagreement', () => {
    const result = checkChannelTax([{ lineRef: 'L1', cgstPaise: 22_475, sgstPaise: 22_475, igstPaise: 0 }], [weft[0]]);
    const fields = result.disagreements.map((d) => d.field);
    assert.deepEqual(fields, ['regime', 'cgst', 'sgst', 'igst']);
    assert.match(result.disagreements[0].message, /place of supply/);
  });
  test('missing, extra lines and cess are flagged; tolerance is configurable', () => {
    const result = checkChannelTax(
      [
        { lineRef: 'L1', cgstPaise: 0, sgstPaise: 0, igstPaise: 44_951, cessPaise: 10 },
        { lineRef: 'L3', cgstPaise: 0, sgstPaise: 0, igstPaise: 100 },
      ],
      weft,
      { tolerancePaise: 0 },
    );
    assert.deepEqual(
      result.disagreements.map((d) => [d.lineRef, d.field, d.channel, d.weft]),
      [
        ['L1', 'igst', 44_951, 44_950],
        ['L1', 'cess', 10, 0],
        ['L2', 'line', null, 54_000],
        ['L3', 'line', 100, null],
      ],
    );
  });
  test('duplicate line references are refused', () => {
    assert.throws(() => checkChannelTax([], [weft[0], weft[0]]), /"L1" appears twice/);
  });
});
