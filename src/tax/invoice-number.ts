import { toBusinessDate, type IsoDate } from './business-date.ts';
import { TaxRuleError } from './errors.ts';

/**
 * GST invoice numbers (docs/gst.md a2, 0.1): at most 16 characters of `A–Z a–z 0–9 / -`, not
 * starting with `0`, `/` or `-` (the IRP's `DocDtls.No` pattern), unique per financial year. Weft
 * issues upper case only because the IRP upper-cases numbers since 1 Jun 2025, so `inv/1` and `INV/1`
 * are the same number there.
 */
export const INVOICE_NUMBER_MAX_LENGTH = 16;
export const INVOICE_NUMBER_PATTERN = /^[A-Za-z1-9][A-Za-z0-9/-]{0,15}$/;

export interface InvoiceNumberCheck {
  readonly valid: boolean;
  /** Upper-cased, trimmed form (meaningful only when valid). */
  readonly normalised: string;
  readonly problems: readonly string[];
}

export function checkInvoiceNumber(value: string): InvoiceNumberCheck {
  const normalised = value.trim().toUpperCase();
  const problems: string[] = [];
  if (normalised.length === 0) problems.push('is empty');
  if (normalised.length > INVOICE_NUMBER_MAX_LENGTH) {
    problems.push(`has ${normalised.length} characters; at most ${INVOICE_NUMBER_MAX_LENGTH} are allowed`);
  }
  const bad = [...new Set(normalised.replace(/[A-Z0-9/-]/g, ''))];
  if (bad.length > 0)
    problems.push(
      `contains ${bad.map((c) => JSON.stringify(c)).join(', ')}; only letters, digits, "/" and "-" are allowed`,
    );
  if (/^[0/-]/.test(normalised)) problems.push(`starts with "${normalised[0]}"; it must not start with 0, / or -`);
  return { valid: problems.length === 0, normalised, problems };
}

export class InvoiceNumberError extends TaxRuleError {
  constructor(value: string, problems: readonly string[]) {
    super('invoiceNumber', `invoice number "${value}" ${problems.join('; ')} (docs/gst.md a2)`);
    this.name = 'InvoiceNumberError';
  }
}

/** Trims and upper-cases; throws InvoiceNumberError listing every problem. */
export function normaliseInvoiceNumber(value: string): string {
  const check = checkInvoiceNumber(value);
  if (!check.valid) throw new InvoiceNumberError(value, check.problems);
  return check.normalised;
}

/** Start year of the April–March financial year containing an IST business date. */
export function financialYearStart(date: IsoDate | Date): number {
  const iso = toBusinessDate(date);
  const year = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 4 ? year : year - 1;
}

/** FY as `YYYY-YY`, e.g. '2026-27' — the form in the IRN hash key (c6). Dates are taken in IST. */
export function financialYear(date: IsoDate | Date): string {
  const start = financialYearStart(date);
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** FY as `YY-YY`, e.g. '26-27', for compact series like `WFT/26-27/000123` (a2). */
export function financialYearShort(date: IsoDate | Date): string {
  const start = financialYearStart(date);
  return `${String(start % 100).padStart(2, '0')}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export interface InvoiceSeriesInput {
  readonly prefix: string;
  readonly date: IsoDate | Date;
  readonly sequence: number;
  /** Zero-padded counter width; default 6 (`WFT/25-26/000123` is exactly 16 characters). */
  readonly width?: number;
}

/** `PREFIX/YY-YY/NNNNNN`, a fresh series per FY as GSTN advises (a2); throws if it would not fit. */
export function formatInvoiceNumber(input: InvoiceSeriesInput): string {
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 1) {
    throw new TaxRuleError('sequence', `sequence must be a whole number ≥ 1, got ${input.sequence}`);
  }
  const counter = String(input.sequence).padStart(input.width ?? 6, '0');
  const value = `${input.prefix.trim()}/${financialYearShort(input.date)}/${counter}`;
  const check = checkInvoiceNumber(value);
  if (!check.valid) throw new InvoiceNumberError(value, [...check.problems, 'shorten the prefix or the counter width']);
  return check.normalised;
}
