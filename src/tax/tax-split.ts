import { TaxRuleError } from './errors.ts';
import { normaliseStateCode, stateByCode } from './state-codes.ts';

/**
 * CGST + SGST versus IGST, computed in integer paise (docs/gst.md a5, d4).
 * Rounding follows d4's "rounding that passes": each line's tax is computed on its taxable value and
 * rounded half-up to the paisa (CGST and SGST each on their own), every total is the sum of the rounded
 * line figures, and only the whole-rupee adjustment goes into the round-off.
 */
export type TaxKind = 'intra' | 'inter';

export interface TaxRegime {
  readonly kind: TaxKind;
  readonly supplierStateCode: string;
  readonly placeOfSupplyCode: string;
  /** UTs without a legislature charge UTGST in place of SGST; the e-invoice still uses `SgstAmt` (a5). */
  readonly stateTaxLabel: 'SGST' | 'UTGST';
}

/** Intra-State when the supplier's state equals the place of supply (IGST Act s.7/s.8, a5). */
export function taxRegimeFor(supplierStateCode: string | number, placeOfSupplyCode: string | number): TaxRegime {
  const supplier = normaliseStateCode(supplierStateCode, 'supplierStateCode');
  const pos = normaliseStateCode(placeOfSupplyCode, 'placeOfSupplyCode');
  const kind: TaxKind = supplier === pos ? 'intra' : 'inter';
  const stateTaxLabel = kind === 'intra' && stateByCode(pos).utgst ? 'UTGST' : 'SGST';
  return { kind, supplierStateCode: supplier, placeOfSupplyCode: pos, stateTaxLabel };
}

function requirePaise(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TaxRuleError(field, `${field} must be a whole number of paise ≥ 0, got ${value}`);
  }
}

/** Rate in hundredths of a percent (basis points), so 2.5% is exactly 250. */
function rateBasisPoints(ratePercent: number, field: string): bigint {
  const bp = Math.round(ratePercent * 100);
  if (!Number.isFinite(ratePercent) || ratePercent < 0 || Math.abs(bp - ratePercent * 100) > 1e-6) {
    throw new TaxRuleError(field, `${field} must be a percentage ≥ 0 with at most two decimals, got ${ratePercent}`);
  }
  return BigInt(bp);
}

/** `amountPaise × ratePercent / 100`, rounded half-up to the paisa, exact (BigInt, no float error). */
export function percentOfPaise(amountPaise: number, ratePercent: number, field = 'ratePercent'): number {
  requirePaise(amountPaise, 'amountPaise');
  return roundedShare(amountPaise, rateBasisPoints(ratePercent, field), 10_000n);
}

/** round-half-up(amount × bp / denominator); denominator 10 000 for the full rate, 20 000 for a half. */
function roundedShare(amountPaise: number, basisPoints: bigint, denominator: bigint): number {
  const numerator = BigInt(amountPaise) * basisPoints;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

export interface TaxLineInput {
  readonly quantity: number;
  readonly unitPricePaise: number;
  /** Discount shown on the invoice for the whole line; it lowers the taxable value (s.15(3)(a), b). */
  readonly discountPaise?: number;
  /** Full GST rate; the intra-State halves are derived here (a5: `GstRt` always carries the full rate). */
  readonly ratePercent: number;
}

export interface TaxLine {
  readonly quantity: number;
  readonly unitPricePaise: number;
  readonly grossPaise: number;
  readonly discountPaise: number;
  readonly taxablePaise: number;
  readonly ratePercent: number;
  readonly cgstRatePercent: number;
  readonly sgstRatePercent: number;
  readonly igstRatePercent: number;
  readonly cgstPaise: number;
  readonly sgstPaise: number;
  readonly igstPaise: number;
  readonly totalTaxPaise: number;
  /** Taxable value plus all taxes: the e-invoice `TotItemVal`. */
  readonly totalPaise: number;
}

/**
 * How a line's tax is rounded to the paisa. `per-component` is d4's rule: CGST and SGST each rounded
 * half-up on half the rate. `line-then-split` is how a marketplace may compute the tax of the invoice
 * it issues from the seller's series (as the marketplace contract, docs/ajio-contract.md §7, describes): the line's whole tax rounded
 * half-up, CGST the lower half and SGST the rest, so they can differ by a paisa. Either is within the
 * IRP's one-paisa tolerance per figure (value-rules.ts); the invoice follows the marketplace's record.
 */
export type TaxRounding = 'per-component' | 'line-then-split';

export interface LineTaxOptions {
  readonly rounding?: TaxRounding;
}

export function computeLineTax(input: TaxLineInput, regime: TaxRegime, options: LineTaxOptions = {}): TaxLine {
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    throw new TaxRuleError('quantity', `quantity must be a whole number > 0, got ${input.quantity}`);
  }
  requirePaise(input.unitPricePaise, 'unitPricePaise');
  const discountPaise = input.discountPaise ?? 0;
  requirePaise(discountPaise, 'discountPaise');
  const grossPaise = input.quantity * input.unitPricePaise;
  requirePaise(grossPaise, 'quantity × unitPricePaise');
  if (discountPaise > grossPaise) {
    throw new TaxRuleError(
      'discountPaise',
      `discountPaise ${discountPaise} exceeds the line's gross value ${grossPaise}`,
    );
  }
  const taxablePaise = grossPaise - discountPaise;
  const rate = input.ratePercent;
  const bp = rateBasisPoints(rate, 'ratePercent');
  let cgstPaise = 0;
  let sgstPaise = 0;
  let igstPaise = 0;
  if (regime.kind === 'intra' && options.rounding === 'line-then-split') {
    const whole = roundedShare(taxablePaise, bp, 10_000n);
    cgstPaise = Math.floor(whole / 2);
    sgstPaise = whole - cgstPaise;
  } else if (regime.kind === 'intra') {
    // Each half is rounded on its own (d4), so CGST and SGST are always equal.
    cgstPaise = roundedShare(taxablePaise, bp, 20_000n);
    sgstPaise = cgstPaise;
  } else {
    igstPaise = roundedShare(taxablePaise, bp, 10_000n);
  }
  const totalTaxPaise = cgstPaise + sgstPaise + igstPaise;
  return {
    quantity: input.quantity,
    unitPricePaise: input.unitPricePaise,
    grossPaise,
    discountPaise,
    taxablePaise,
    ratePercent: rate,
    cgstRatePercent: regime.kind === 'intra' ? rate / 2 : 0,
    sgstRatePercent: regime.kind === 'intra' ? rate / 2 : 0,
    igstRatePercent: regime.kind === 'inter' ? rate : 0,
    cgstPaise,
    sgstPaise,
    igstPaise,
    totalTaxPaise,
    totalPaise: taxablePaise + totalTaxPaise,
  };
}

export interface InvoiceTotals {
  readonly taxablePaise: number;
  readonly cgstPaise: number;
  readonly sgstPaise: number;
  readonly igstPaise: number;
  readonly totalTaxPaise: number;
  /** Σ line totals (Σ `TotItemVal`). */
  readonly linesTotalPaise: number;
  readonly otherChargesPaise: number;
  readonly invoiceDiscountPaise: number;
  /** Whole-rupee adjustment, −99.99 … +99.99 rupees at most (d4). */
  readonly roundOffPaise: number;
  /** Σ line totals + other charges − invoice discount + round-off: the e-invoice `TotInvVal`. */
  readonly invoiceTotalPaise: number;
}

export interface InvoiceTotalsOptions {
  /** 'rupee' rounds the invoice total half-up to a whole rupee (trade practice); 'none' keeps paise. */
  readonly roundOff?: 'rupee' | 'none';
  readonly otherChargesPaise?: number;
  readonly invoiceDiscountPaise?: number;
}

/** Round half-up to whole rupees; the difference is the round-off (d4 worked example: 9439.50 → 9440.00). */
export function roundToRupee(paise: number): number {
  return Math.floor((paise + 50) / 100) * 100;
}

export function computeInvoiceTotals(lines: readonly TaxLine[], options: InvoiceTotalsOptions = {}): InvoiceTotals {
  if (lines.length === 0) throw new TaxRuleError('lines', 'an invoice needs at least one line');
  const otherChargesPaise = options.otherChargesPaise ?? 0;
  const invoiceDiscountPaise = options.invoiceDiscountPaise ?? 0;
  requirePaise(otherChargesPaise, 'otherChargesPaise');
  requirePaise(invoiceDiscountPaise, 'invoiceDiscountPaise');
  const sum = (pick: (line: TaxLine) => number) => lines.reduce((acc, line) => acc + pick(line), 0);
  const taxablePaise = sum((l) => l.taxablePaise);
  const cgstPaise = sum((l) => l.cgstPaise);
  const sgstPaise = sum((l) => l.sgstPaise);
  const igstPaise = sum((l) => l.igstPaise);
  const linesTotalPaise = sum((l) => l.totalPaise);
  const beforeRounding = linesTotalPaise + otherChargesPaise - invoiceDiscountPaise;
  if (beforeRounding < 0) {
    throw new TaxRuleError(
      'invoiceDiscountPaise',
      `invoiceDiscountPaise ${invoiceDiscountPaise} exceeds the invoice value`,
    );
  }
  const invoiceTotalPaise = options.roundOff === 'none' ? beforeRounding : roundToRupee(beforeRounding);
  return {
    taxablePaise,
    cgstPaise,
    sgstPaise,
    igstPaise,
    totalTaxPaise: cgstPaise + sgstPaise + igstPaise,
    linesTotalPaise,
    otherChargesPaise,
    invoiceDiscountPaise,
    roundOffPaise: invoiceTotalPaise - beforeRounding,
    invoiceTotalPaise,
  };
}
