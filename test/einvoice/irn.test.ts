import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { computeIrn, irnHashInput, irnKeyOfPayload, isIrn } from '../../src/einvoice/irn.ts';
import { buildEInvoicePayload } from '../../src/einvoice/payload.ts';
import { sampleInvoice } from './fixtures.ts';

describe('IRN (docs/gst.md c6)', () => {
  test('matches the verified sandbox IRN 706daecc…89a2e7', () => {
    const irn = computeIrn({
      sellerGstin: '01AMBPG7773M002',
      docType: 'INV',
      docNo: 'SINV-CFY-00067',
      docDate: '2022-08-10',
    });
    assert.ok(irn.startsWith('706daecc'), irn);
    assert.ok(irn.endsWith('89a2e7'), irn);
    assert.ok(isIrn(irn));
  });
  test("hash input is GSTIN + FY + type + number, like NIC's example", () => {
    assert.equal(
      irnHashInput({ sellerGstin: '01AAAAA9999A19N', docType: 'INV', docNo: 'ABC01234', docDate: '2019-12-01' }),
      '01AAAAA9999A19N2019-20INVABC01234',
    );
  });
  test('the FY follows the document date; March and April differ', () => {
    const key = { sellerGstin: '27AAPFU0939F1ZV', docType: 'INV' as const, docNo: 'WFT/25-26/000001' };
    assert.notEqual(computeIrn({ ...key, docDate: '2026-03-31' }), computeIrn({ ...key, docDate: '2026-04-01' }));
  });
  test('the key of a built payload', () => {
    const { payload } = buildEInvoicePayload(sampleInvoice());
    const key = irnKeyOfPayload(payload);
    assert.equal(irnHashInput(key), '27AAPFU0939F1ZV2025-26INVWFT/25-26/000123');
    assert.equal(
      computeIrn(key),
      createHash('sha256').update('27AAPFU0939F1ZV2025-26INVWFT/25-26/000123').digest('hex'),
    );
  });
});
