import { TaxRuleError } from './errors.ts';

/**
 * Business dates: invoices, financial years and rate changes are judged on the calendar date in
 * India (Asia/Kolkata), never on the UTC date (docs/architecture.md §1: "IST on paper"). IST is a fixed UTC+05:30
 * offset with no daylight saving, so a constant offset is exact.
 */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** The IST calendar date of an instant, as `YYYY-MM-DD`. */
export function istDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new TaxRuleError('date', 'date is an invalid Date; pass a real instant');
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Accepts a `YYYY-MM-DD` business date (taken as already in IST) or a Date (converted to its IST
 * date) and returns the checked `YYYY-MM-DD` string.
 */
export function toBusinessDate(value: IsoDate | Date, field = 'date'): IsoDate {
  if (value instanceof Date) return istDateOf(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new TaxRuleError(field, `${field} "${value}" is not a YYYY-MM-DD date`);
  const [, y, m, d] = match;
  const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(m) - 1 ||
    check.getUTCDate() !== Number(d)
  ) {
    throw new TaxRuleError(field, `${field} "${value}" is not a real calendar date`);
  }
  return value;
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`, the IRP's date format (docs/gst.md d3). */
export function toDdMmYyyy(value: IsoDate | Date, field = 'date'): string {
  const iso = toBusinessDate(value, field);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** `dd/mm/yyyy` → `YYYY-MM-DD`, checking that the date exists. */
export function fromDdMmYyyy(value: string, field = 'date'): IsoDate {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!match) throw new TaxRuleError(field, `${field} "${value}" is not a dd/mm/yyyy date`);
  return toBusinessDate(`${match[3]}-${match[2]}-${match[1]}`, field);
}

/** An instant as IST `yyyy-MM-dd HH:mm:ss`, the IRP's timestamp format (AckDt, TokenExpiry; c3, c6). */
export function toIstDateTime(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** IST `yyyy-MM-dd HH:mm:ss` → the instant it names. */
export function fromIstDateTime(value: string, field = 'timestamp'): Date {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value);
  if (!match) throw new TaxRuleError(field, `${field} "${value}" is not a yyyy-MM-dd HH:mm:ss timestamp`);
  const instant = new Date(`${match[1]}T${match[2]}+05:30`);
  if (Number.isNaN(instant.getTime())) throw new TaxRuleError(field, `${field} "${value}" is not a real timestamp`);
  return instant;
}
