import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { amountInWords, integerInIndianWords } from '../../src/tax/amount-in-words.ts';

describe('amountInWords (docs/gst.md a7)', () => {
  test("the brief's verified examples", () => {
    assert.equal(amountInWords(944_000), 'Nine Thousand Four Hundred Forty Rupees Only');
    assert.equal(
      amountInWords(12_345_678_50),
      'One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight Rupees and Fifty Paise Only',
    );
    assert.equal(
      amountInWords(24_87_45_956_67),
      'Twenty Four Crore Eighty Seven Lakh Forty Five Thousand Nine Hundred Fifty Six Rupees and Sixty Seven Paise Only',
    );
  });
  test('1,23,45,678.90', () => {
    assert.equal(
      amountInWords(1_23_45_678_90),
      'One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight Rupees and Ninety Paise Only',
    );
  });
  test('a crore count above 99 is read as a number', () => {
    assert.equal(integerInIndianWords(1_23_00_00_000), 'One Hundred Twenty Three Crore');
    assert.equal(integerInIndianWords(1_00_000_00_00_000), 'One Lakh Crore');
  });
  test('edge cases and house style', () => {
    assert.equal(amountInWords(0), 'Zero Rupees Only');
    assert.equal(amountInWords(100), 'One Rupee Only');
    assert.equal(amountInWords(1), 'One Paisa Only');
    assert.equal(amountInWords(50), 'Fifty Paise Only');
    assert.equal(amountInWords(101), 'One Rupee and One Paisa Only');
    assert.equal(amountInWords(10_000_000), 'One Lakh Rupees Only');
    assert.equal(amountInWords(1_000_000_000), 'One Crore Rupees Only');
    assert.equal(amountInWords(1_01_00_100_00), 'One Crore One Lakh One Hundred Rupees Only');
    assert.equal(amountInWords(11_900), 'One Hundred Nineteen Rupees Only');
    assert.equal(
      amountInWords(99_99_99_999_99),
      'Ninety Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred Ninety Nine Rupees and Ninety Nine Paise Only',
    );
  });
  test('refuses fractional or negative paise', () => {
    assert.throws(() => amountInWords(10.5), /whole number of paise/);
    assert.throws(() => amountInWords(-1), /amountPaise/);
  });
});
