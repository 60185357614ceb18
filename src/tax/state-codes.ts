import { TaxRuleError } from './errors.ts';

/**
 * GST state codes: the first two GSTIN digits, `SellerDtls.Stcd` and `BuyerDtls.Pos`
 * (docs/gst.md a6). Codes are always two-digit strings ("07"), as the IRP expects.
 */
export interface GstState {
  readonly code: string;
  readonly name: string;
  /** UTs without a legislature levy UTGST instead of SGST on intra-territory supplies (a5). */
  readonly utgst: boolean;
  /** Kept only to read old documents: 25 merged into 26 in 2020, 28 is pre-bifurcation Andhra Pradesh. */
  readonly legacy: boolean;
}

function s(code: string, name: string, extra: Partial<Pick<GstState, 'utgst' | 'legacy'>> = {}): GstState {
  return { code, name, utgst: extra.utgst ?? false, legacy: extra.legacy ?? false };
}

/**
 * The table from a6. Code 99 ("Centre Jurisdiction") is deliberately absent: it appears in some
 * masters but is never a place of supply (a6 notes). 96 is only a `Pos` for exports.
 */
export const GST_STATES: readonly GstState[] = Object.freeze([
  s('01', 'Jammu and Kashmir'),
  s('02', 'Himachal Pradesh'),
  s('03', 'Punjab'),
  s('04', 'Chandigarh', { utgst: true }),
  s('05', 'Uttarakhand'),
  s('06', 'Haryana'),
  s('07', 'Delhi'),
  s('08', 'Rajasthan'),
  s('09', 'Uttar Pradesh'),
  s('10', 'Bihar'),
  s('11', 'Sikkim'),
  s('12', 'Arunachal Pradesh'),
  s('13', 'Nagaland'),
  s('14', 'Manipur'),
  s('15', 'Mizoram'),
  s('16', 'Tripura'),
  s('17', 'Meghalaya'),
  s('18', 'Assam'),
  s('19', 'West Bengal'),
  s('20', 'Jharkhand'),
  s('21', 'Odisha'),
  s('22', 'Chhattisgarh'),
  s('23', 'Madhya Pradesh'),
  s('24', 'Gujarat'),
  s('25', 'Daman and Diu', { utgst: true, legacy: true }),
  s('26', 'Dadra and Nagar Haveli and Daman and Diu', { utgst: true }),
  s('27', 'Maharashtra'),
  s('28', 'Andhra Pradesh (old)', { legacy: true }),
  s('29', 'Karnataka'),
  s('30', 'Goa'),
  s('31', 'Lakshadweep', { utgst: true }),
  s('32', 'Kerala'),
  s('33', 'Tamil Nadu'),
  s('34', 'Puducherry'),
  s('35', 'Andaman and Nicobar Islands', { utgst: true }),
  s('36', 'Telangana'),
  s('37', 'Andhra Pradesh'),
  s('38', 'Ladakh', { utgst: true }),
  s('96', 'Other Countries'),
  s('97', 'Other Territory'),
]);

const BY_CODE = new Map(GST_STATES.map((state) => [state.code, state]));

/** Pads "7" or 7 to "07" and checks the code is in the table; throws naming `field` otherwise. */
export function normaliseStateCode(code: string | number, field = 'stateCode'): string {
  const text = String(code).trim();
  if (!/^\d{1,2}$/.test(text))
    throw new TaxRuleError(field, `${field} "${code}" is not a one- or two-digit GST state code`);
  const padded = text.padStart(2, '0');
  if (!BY_CODE.has(padded))
    throw new TaxRuleError(field, `${field} "${code}" is not a GST state code (see docs/gst.md a6)`);
  return padded;
}

export function isGstStateCode(code: string | number): boolean {
  const text = String(code).trim();
  return /^\d{1,2}$/.test(text) && BY_CODE.has(text.padStart(2, '0'));
}

/** The state for a code, or throws naming `field`. */
export function stateByCode(code: string | number, field = 'stateCode'): GstState {
  return BY_CODE.get(normaliseStateCode(code, field)) as GstState;
}

/** The state code a GSTIN belongs to: its first two digits (a5: they must equal `Stcd`). */
export function stateCodeOfGstin(gstin: string, field = 'gstin'): string {
  if (!/^\d{2}[0-9A-Z]{13}$/.test(gstin))
    throw new TaxRuleError(field, `${field} "${gstin}" is not a 15-character GSTIN`);
  return normaliseStateCode(gstin.slice(0, 2), field);
}
