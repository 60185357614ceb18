import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeInvoiceTotals,
  computeLineTax,
  percentOfPaise,
  roundToRupee,
  taxRegimeFor,
} from '../../src/tax/tax-split.ts';

describe('taxRegimeFor (docs/gst.md a5)', () => {
  test('same state is intra-State, different states inter-State', () => {
    assert.equal(taxRegimeFor('27', '27').kind, 'intra');
    assert.equal(taxRegimeFor('27', '29').kind, 'inter');
    assert.equal(taxRegimeFor(7, '07').kind, 'intra');
  });
  test('UTs without a legislature label the state half UTGST', () => {
    assert.equal(taxRegimeFor('04', '04').stateTaxLabel, 'UTGST');
    assert.equal(taxRegimeFor('07', '07').stateTaxLabel, 'SGST');
    assert.equal(taxRegimeFor('27', '04').stateTaxLabel, 'SGST');
  });
  test('unknown codes are refused naming the field', () => {
    assert.throws(() => taxRegimeFor('27', '99'), /placeOfSupplyCode "99"/);
  });
});

describe("computeLineTax rounding: d4's per-component and the marketplace's line-then-split", () => {
  const intra = taxRegimeFor('27', '27');
  test('an odd number of paise of tax: per-component adds a paisa, line-then-split keeps it and splits it lower half first', () => {
    const line = { quantity: 1, unitPricePaise: 395_700, ratePercent: 5 };
    const d4 = computeLineTax(line, intra);
    assert.deepEqual([d4.cgstPaise, d4.sgstPaise, d4.totalTaxPaise], [9_893, 9_893, 19_786]);
    const ajio = computeLineTax(line, intra, { rounding: 'line-then-split' });
    assert.deepEqual(
      [ajio.cgstPaise, ajio.sgstPaise, ajio.totalTaxPaise, ajio.totalPaise],
      [9_892, 9_893, 19_785, 415_485],
    );
  });
  test('even tax and inter-State supplies are the same either way', () => {
    const even = { quantity: 2, unitPricePaise: 395_800, ratePercent: 5 };
    assert.deepEqual(computeLineTax(even, intra, { rounding: 'line-then-split' }), computeLineTax(even, intra));
    const inter = taxRegimeFor('27', '29');
    assert.deepEqual(
      computeLineTax({ ...even, quantity: 1, unitPricePaise: 395_700 }, inter, { rounding: 'line-then-split' }),
      computeLineTax({ ...even, quantity: 1, unitPricePaise: 395_700 }, inter),
    );
  });
});

describe('computeLineTax and computeInvoiceTotals (d4 worked example)', () => {
  const line = { quantity: 10, unitPricePaise: 89_900, ratePercent: 5 };
  test('inter-State: IGST at the full rate', () => {
    const tax = computeLineTax(line, taxRegimeFor('27', '29'));
    assert.equal(tax.grossPaise, 899_000);
    assert.equal(tax.taxablePaise, 899_000);
    assert.equal(tax.igstPaise, 44_950);
    assert.equal(tax.cgstPaise + tax.sgstPaise, 0);
    assert.equal(tax.igstRatePercent, 5);
    assert.equal(tax.totalPaise, 943_950);
    const totals = computeInvoiceTotals([tax]);
    assert.equal(totals.igstPaise, 44_950);
    assert.equal(totals.roundOffPaise, 50);
    assert.equal(totals.invoiceTotalPaise, 944_000);
  });
  test('intra-State: CGST = SGST = half each', () => {
    const tax = computeLineTax(line, taxRegimeFor('27', '27'));
    assert.equal(tax.cgstPaise, 22_475);
    assert.equal(tax.sgstPaise, 22_475);
    assert.equal(tax.igstPaise, 0);
    assert.equal(tax.cgstRatePercent, 2.5);
    assert.equal(computeInvoiceTotals([tax]).invoiceTotalPaise, 944_000);
  });
  test('discount lowers the taxable value', () => {
    const tax = computeLineTax(
      { quantity: 2, unitPricePaise: 100_000, discountPaise: 10_000, ratePercent: 18 },
      taxRegimeFor('27', '29'),
    );
    assert.equal(tax.taxablePaise, 190_000);
    assert.equal(tax.igstPaise, 34_200);
    assert.throws(
      () =>
        computeLineTax(
          { quantity: 1, unitPricePaise: 100, discountPaise: 101, ratePercent: 5 },
          taxRegimeFor('27', '29'),
        ),
      /discountPaise 101 exceeds/,
    );
  });
});

describe('rounding', () => {
  test('half-up to the paisa, exactly', () => {
    assert.equal(percentOfPaise(10, 5), 1); // 0.5 → 1
    assert.equal(percentOfPaise(9, 5), 0); // 0.45 → 0
    assert.equal(percentOfPaise(30, 5), 2); // 1.5 → 2
    assert.equal(percentOfPaise(1_00_00_00_000_00, 18), 18_00_00_000_00);
  });
  test('each intra-State half is rounded on its own, so CGST = SGST', () => {
    // 2.5% of ₹0.99 = 2.475 paise → 2 each; IGST 5% would be 4.95 → 5.
    const intra = computeLineTax({ quantity: 1, unitPricePaise: 99, ratePercent: 5 }, taxRegimeFor('29', '29'));
    assert.equal(intra.cgstPaise, 2);
    assert.equal(intra.sgstPaise, 2);
    const inter = computeLineTax({ quantity: 1, unitPricePaise: 99, ratePercent: 5 }, taxRegimeFor('27', '29'));
    assert.equal(inter.igstPaise, 5);
  });
  test('totals are sums of rounded lines; only whole rupees go to round-off', () => {
    const regime = taxRegimeFor('27', '29');
    const lines = [
      computeLineTax({ quantity: 1, unitPricePaise: 33_333, ratePercent: 5 }, regime), // 1666.65 → 1667
      computeLineTax({ quantity: 1, unitPricePaise: 33_333, ratePercent: 5 }, regime),
    ];
    const totals = computeInvoiceTotals(lines);
    assert.equal(totals.igstPaise, 3_334);
    assert.equal(totals.linesTotalPaise, 70_000);
    assert.equal(totals.roundOffPaise, 0);
    const none = computeInvoiceTotals(
      [computeLineTax({ quantity: 3, unitPricePaise: 1_001, ratePercent: 18 }, regime)],
      { roundOff: 'none' },
    );
    assert.equal(none.roundOffPaise, 0);
    assert.equal(none.invoiceTotalPaise, 3_003 + 541);
  });
  test('roundToRupee rounds half up', () => {
    assert.equal(roundToRupee(943_950), 944_000);
    assert.equal(roundToRupee(943_949), 943_900);
    assert.equal(roundToRupee(100), 100);
  });
  test('other charges and invoice discount enter the total', () => {
    const line = computeLineTax({ quantity: 1, unitPricePaise: 100_000, ratePercent: 5 }, taxRegimeFor('27', '27'));
    const totals = computeInvoiceTotals([line], { otherChargesPaise: 5_000, invoiceDiscountPaise: 2_025 });
    assert.equal(totals.invoiceTotalPaise, roundToRupee(105_000 + 5_000 - 2_025));
    assert.equal(totals.roundOffPaise, 25);
  });
  test('inputs that are not whole paise are refused', () => {
    assert.throws(
      () => computeLineTax({ quantity: 1, unitPricePaise: 10.5, ratePercent: 5 }, taxRegimeFor('27', '29')),
      /unitPricePaise must be a whole number/,
    );
    assert.throws(
      () => computeLineTax({ quantity: 0, unitPricePaise: 10, ratePercent: 5 }, taxRegimeFor('27', '29')),
      /quantity/,
    );
    assert.throws(() => computeInvoiceTotals([]), /at least one line/);
  });
});
