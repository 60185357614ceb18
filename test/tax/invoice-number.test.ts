import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkInvoiceNumber,
  financialYear,
  financialYearShort,
  formatInvoiceNumber,
  InvoiceNumberError,
  normaliseInvoiceNumber,
} from '../../src/tax/invoice-number.ts';

describe('invoice numbers (docs/gst.md a2)', () => {
  test('valid numbers are upper-cased and trimmed', () => {
    assert.equal(normaliseInvoiceNumber('WFT/25-26/000123'), 'WFT/25-26/000123');
    assert.equal(normaliseInvoiceNumber(' inv/1 '), 'INV/1');
    assert.equal(normaliseInvoiceNumber('1'), '1');
  });
  test('refuses 17 characters, bad characters and bad first characters', () => {
    assert.match(checkInvoiceNumber('WFT/25-26/0001234').problems.join(), /17 characters/);
    assert.match(checkInvoiceNumber('INV_1').problems.join(), /"_"/);
    assert.match(checkInvoiceNumber('INV 1').problems.join(), /" "/);
    for (const bad of ['0123', '/123', '-123']) assert.equal(checkInvoiceNumber(bad).valid, false, bad);
    assert.equal(checkInvoiceNumber('').valid, false);
    assert.throws(
      () => normaliseInvoiceNumber('0INV'),
      (err: unknown) => err instanceof InvoiceNumberError && /must not start with 0/.test(err.message),
    );
  });
});

describe('financial year in IST', () => {
  test('April–March boundaries', () => {
    assert.equal(financialYear('2026-04-01'), '2026-27');
    assert.equal(financialYear('2026-03-31'), '2025-26');
    assert.equal(financialYear('2099-12-31'), '2099-00');
    assert.equal(financialYearShort('2025-09-23'), '25-26');
  });
  test('a Date is judged in IST, not UTC', () => {
    // 31 Mar 2026 19:00 UTC is 1 Apr 2026 00:30 IST.
    assert.equal(financialYear(new Date('2026-03-31T19:00:00Z')), '2026-27');
    assert.equal(financialYear(new Date('2026-03-31T18:00:00Z')), '2025-26');
  });
});

describe('formatInvoiceNumber', () => {
  test('WFT/25-26/000123 is exactly 16 characters', () => {
    const no = formatInvoiceNumber({ prefix: 'wft', date: '2025-10-01', sequence: 123 });
    assert.equal(no, 'WFT/25-26/000123');
    assert.equal(no.length, 16);
  });
  test('a prefix that makes it too long is refused with advice', () => {
    assert.throws(() => formatInvoiceNumber({ prefix: 'WEFT', date: '2025-10-01', sequence: 1 }), /shorten the prefix/);
    assert.throws(() => formatInvoiceNumber({ prefix: 'W', date: '2025-10-01', sequence: 0 }), /sequence/);
  });
});
