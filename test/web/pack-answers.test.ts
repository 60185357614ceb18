import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { plainReason, scanned } from '../../web/src/screens/pack/pack-answers.ts';

/** The pack station's words: what was scanned, and why documents are missing, in plain words. */
describe('pack station answers', () => {
  const line = {
    lineId: 1,
    externalLineId: 'L1',
    sku: 'TEE-M',
    ean: '8901234567890',
    name: 'Tee',
    ordered: 3,
    cancelled: 0,
    packed: 2,
    remaining: 1,
  };

  test('a scan is named by what it matched: EAN or SKU', () => {
    assert.equal(scanned('8901234567890', line), 'EAN 8901234567890');
    assert.equal(scanned('tee-m', line), 'SKU TEE-M');
    assert.equal(scanned('8907777777777'), 'EAN 8907777777777');
    assert.equal(scanned('CAP-1'), 'SKU CAP-1');
  });

  test('a marketplace failure loses its technical brackets and says what happens next', () => {
    const said = plainReason({
      code: 'unavailable',
      retrying: true,
      message:
        'The invoice of PO 5010 at AJIO JIT was not confirmed (AJIO POST /orders/b2bInvoice: 500 (injected fault)). Trying again is safe: what landed is checked first and never sent twice.',
    });
    assert.equal(
      said,
      'The invoice of PO 5010 at AJIO JIT was not confirmed. Weft tries again by itself; this station tells you when the documents are ready.',
    );
  });

  test('a refusal that needs a person keeps its whole instruction', () => {
    const said = plainReason({
      code: 'conflict',
      retrying: false,
      message: "AJIO's tax on PO 5010 disagrees with Weft's: line 1 rate 12% (Weft 5%). Check the HSN.",
    });
    assert.equal(
      said,
      "AJIO's tax on PO 5010 disagrees with Weft's: line 1 rate 12% (Weft 5%). Check the HSN. Retry from the shelf below once it is sorted out.",
    );
  });
});
