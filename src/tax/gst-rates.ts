import { toBusinessDate, type IsoDate } from './business-date.ts';
import { TaxRuleError } from './errors.ts';

/**
 * Dated GST rate table for apparel (HSN chapters 61, 62) and footwear (64), docs/gst.md b.
 * Each rule covers a date range and a band of per-piece (per-pair) transaction value, so every rate
 * Weft charges can be traced to one row and its source.
 *
 * The value judged is the per-unit transaction value after invoice discounts and before GST, i.e.
 * the seller's price to the marketplace's buying entity, not its MRP (b, "How the threshold is judged").
 * "Not exceeding" is inclusive: ₹2,500.00 is in the lower band, ₹2,500.01 is not.
 */
export interface GstRateRule {
  readonly id: string;
  readonly chapters: readonly string[] | 'default';
  /** First day the rule applies, inclusive (IST business date). */
  readonly from: IsoDate;
  /** Last day the rule applies, inclusive; null = still in force. */
  readonly to: IsoDate | null;
  /** Band bounds in paise per unit: above `aboveUnitPaise` and not exceeding `upToUnitPaise`. */
  readonly aboveUnitPaise: number | null;
  readonly upToUnitPaise: number | null;
  readonly ratePercent: number;
  readonly description: string;
  readonly source: string;
}

export interface GstRateResult {
  readonly ratePercent: number;
  readonly rule: GstRateRule;
  /** One sentence that explains the number, for logs, the UI and flagged POs. */
  readonly explanation: string;
}

const GST_START: IsoDate = '2017-07-01';
const RS_1000 = 100_000;
const RS_2500 = 250_000;
const NEW_REGIME = 'Notification 9/2025-CT(Rate) and 9/2025-IT(Rate), effective 22 Sep 2025 (docs/gst.md b)';
const OLD_APPAREL = 'Apparel bands before 22 Sep 2025: ≤ ₹1,000 at 5%, above at 12% (docs/gst.md b)';
const FOOTWEAR_2022 = 'Notification 21/2021-CT(Rate), effective 1 Jan 2022 (docs/gst.md b)';
const FOOTWEAR_EARLY =
  'Footwear ≤ ₹1,000 at 5% before 1 Jan 2022 (docs/gst.md b). The ₹1,000 band dates from 27 Jul 2018; ' +
  'before that the footwear threshold was ₹500, which this table does not carry';

function band(
  id: string,
  chapters: readonly string[],
  from: IsoDate,
  to: IsoDate | null,
  aboveUnitPaise: number | null,
  upToUnitPaise: number | null,
  ratePercent: number,
  description: string,
  source: string,
): GstRateRule {
  return Object.freeze({ id, chapters, from, to, aboveUnitPaise, upToUnitPaise, ratePercent, description, source });
}

const APPAREL = ['61', '62'] as const;
const FOOTWEAR = ['64'] as const;

export const GST_RATE_RULES: readonly GstRateRule[] = Object.freeze([
  band(
    'apparel-2017-upto-1000',
    APPAREL,
    GST_START,
    '2025-09-21',
    null,
    RS_1000,
    5,
    'apparel ≤ ₹1,000 per piece',
    OLD_APPAREL,
  ),
  band(
    'apparel-2017-above-1000',
    APPAREL,
    GST_START,
    '2025-09-21',
    RS_1000,
    null,
    12,
    'apparel > ₹1,000 per piece',
    OLD_APPAREL,
  ),
  band(
    'apparel-2025-upto-2500',
    APPAREL,
    '2025-09-22',
    null,
    null,
    RS_2500,
    5,
    'apparel ≤ ₹2,500 per piece',
    NEW_REGIME,
  ),
  band(
    'apparel-2025-above-2500',
    APPAREL,
    '2025-09-22',
    null,
    RS_2500,
    null,
    18,
    'apparel > ₹2,500 per piece',
    NEW_REGIME,
  ),
  band(
    'footwear-2018-upto-1000',
    FOOTWEAR,
    '2018-07-27',
    '2021-12-31',
    null,
    RS_1000,
    5,
    'footwear ≤ ₹1,000 per pair',
    FOOTWEAR_EARLY,
  ),
  band(
    'footwear-2018-above-1000',
    FOOTWEAR,
    '2018-07-27',
    '2021-12-31',
    RS_1000,
    null,
    18,
    'footwear > ₹1,000 per pair',
    FOOTWEAR_EARLY,
  ),
  band(
    'footwear-2022-upto-1000',
    FOOTWEAR,
    '2022-01-01',
    '2025-09-21',
    null,
    RS_1000,
    12,
    'footwear ≤ ₹1,000 per pair',
    FOOTWEAR_2022,
  ),
  band(
    'footwear-2022-above-1000',
    FOOTWEAR,
    '2022-01-01',
    '2025-09-21',
    RS_1000,
    null,
    18,
    'footwear > ₹1,000 per pair',
    FOOTWEAR_2022,
  ),
  band(
    'footwear-2025-upto-2500',
    FOOTWEAR,
    '2025-09-22',
    null,
    null,
    RS_2500,
    5,
    'footwear ≤ ₹2,500 per pair',
    NEW_REGIME,
  ),
  band(
    'footwear-2025-above-2500',
    FOOTWEAR,
    '2025-09-22',
    null,
    RS_2500,
    null,
    18,
    'footwear > ₹2,500 per pair',
    NEW_REGIME,
  ),
  // Any other chapter: the standard 18% rate. Weft sells apparel and footwear; anything else is
  // outside the researched table, so the rule says so and the caller may flag it for review.
  Object.freeze({
    id: 'default-standard-18',
    chapters: 'default',
    from: GST_START,
    to: null,
    aboveUnitPaise: null,
    upToUnitPaise: null,
    ratePercent: 18,
    description:
      'HSN outside chapters 61, 62 and 64: standard rate, not researched for this product — confirm with the tax adviser',
    source: 'Standard GST rate; chapters 61, 62, 64 are the only ones in docs/gst.md b',
  }) as GstRateRule,
]);

export interface GstRateQuery {
  /** HSN code, 4/6/8 digits (a3); only the chapter (first two digits) selects the rule. */
  readonly hsn: string;
  /** Per-piece transaction value in paise, after invoice discount and before GST. May be fractional when a discount does not divide evenly. */
  readonly unitValuePaise: number;
  /** Supply date: `YYYY-MM-DD` in IST, or a Date converted to its IST date. */
  readonly date: IsoDate | Date;
}

export function hsnChapter(hsn: string, field = 'hsn'): string {
  if (!/^(?!0+$)(\d{4}|\d{6}|\d{8})$/.test(hsn)) {
    throw new TaxRuleError(field, `${field} "${hsn}" must be 4, 6 or 8 digits and not all zeros (docs/gst.md d3)`);
  }
  return hsn.slice(0, 2);
}

function inBand(rule: GstRateRule, unitValuePaise: number): boolean {
  if (rule.aboveUnitPaise !== null && !(unitValuePaise > rule.aboveUnitPaise)) return false;
  if (rule.upToUnitPaise !== null && !(unitValuePaise <= rule.upToUnitPaise)) return false;
  return true;
}

function formatRupees(paise: number): string {
  return `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The GST rate for one unit of a line, with the rule that produced it. */
export function gstRateFor(query: GstRateQuery): GstRateResult {
  const chapter = hsnChapter(query.hsn);
  const date = toBusinessDate(query.date, 'date');
  if (!Number.isFinite(query.unitValuePaise) || query.unitValuePaise < 0) {
    throw new TaxRuleError('unitValuePaise', `unitValuePaise must be a finite number ≥ 0, got ${query.unitValuePaise}`);
  }
  const inForce = GST_RATE_RULES.filter((rule) => rule.from <= date && (rule.to === null || date <= rule.to));
  const specific = inForce.filter((rule) => rule.chapters !== 'default' && rule.chapters.includes(chapter));
  const covered = GST_RATE_RULES.some((rule) => rule.chapters !== 'default' && rule.chapters.includes(chapter));
  if (covered && specific.length === 0) {
    throw new TaxRuleError(
      'date',
      `no rate rule for HSN chapter ${chapter} on ${date}; the rate table starts later for this chapter`,
    );
  }
  const candidates = covered ? specific : inForce.filter((rule) => rule.chapters === 'default');
  const rule = candidates.find((candidate) => inBand(candidate, query.unitValuePaise));
  if (!rule) throw new TaxRuleError('date', `no GST rate rule covers HSN ${query.hsn} on ${date}`);
  const explanation =
    rule.chapters === 'default'
      ? `${rule.ratePercent}% for HSN ${query.hsn} on ${date}: ${rule.description}`
      : `${rule.ratePercent}% for HSN ${query.hsn} on ${date}: ${rule.description} ` +
        `(unit value ${formatRupees(query.unitValuePaise)}; rule ${rule.id}; ${rule.source})`;
  return { ratePercent: rule.ratePercent, rule, explanation };
}
