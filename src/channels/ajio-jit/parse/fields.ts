/**
 * Small checks shared by the AJIO payload parsers. Each returns the value or throws a FieldError
 * whose message names the AJIO field, so a malformed item becomes a failed record a person can read.
 */
export class FieldError extends Error {}

const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));

/** A required identifier: a non-empty string, or a whole number AJIO sent unquoted. */
export function idField(item: Record<string, unknown>, field: string): string {
  const v = item[field];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  throw new FieldError(
    v === undefined || v === null ? `${field} is missing` : `${field} ${shown(v)} is not an identifier`,
  );
}

export function optionalText(item: Record<string, unknown>, field: string): string | null {
  const v = item[field];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new FieldError(`${field} ${shown(v)} is not text`);
}

/** Rupees with at most two decimals (a number or a numeric string) → integer paise, exactly. */
export function paiseField(item: Record<string, unknown>, field: string, required: boolean): number | null {
  const v = item[field];
  if (v === undefined || v === null || v === '') {
    if (required) throw new FieldError(`${field} is missing`);
    return null;
  }
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v.trim() : '';
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new FieldError(`${field} ${shown(v)} is not an amount in rupees with at most 2 decimals`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function countField(item: Record<string, unknown>, field: string, required: boolean): number | null {
  const v = item[field];
  if (v === undefined || v === null) {
    if (required) throw new FieldError(`${field} is missing`);
    return null;
  }
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw new FieldError(`${field} ${shown(v)} is not a whole number of units`);
  return n;
}

export function booleanField(item: Record<string, unknown>, field: string, fallback: boolean): boolean {
  const v = item[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new FieldError(`${field} ${shown(v)} is not true or false`);
}

/** AJIO times are epoch seconds; ISO-8601 is accepted too. */
export function timeField(item: Record<string, unknown>, field: string): Date | null {
  const v = item[field];
  if (v === undefined || v === null || v === '') return null;
  const ms =
    typeof v === 'number'
      ? v * 1000
      : typeof v === 'string'
        ? /^\d+$/.test(v)
          ? Number(v) * 1000
          : Date.parse(v)
        : NaN;
  if (!Number.isFinite(ms)) throw new FieldError(`${field} ${shown(v)} is not a time (epoch seconds)`);
  return new Date(ms);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
