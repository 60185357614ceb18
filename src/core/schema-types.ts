import { z } from 'zod';

/**
 * The building blocks of every input schema (HTTP bodies, path and query parameters, and the core
 * schemas they reuse), so that what reaches the database always fits it:
 *
 * - strings refuse what PostgreSQL cannot store in `text` (NUL) or what is not text at all (an unpaired
 *   UTF-16 surrogate), and have a maximum length;
 * - integers have ranges that fit their columns (`integer` is int4, `bigint` int8 read as a JS number);
 * - query and path integers are parsed from their text strictly: digits only, no "1e3", "0x10" or "".
 *
 * Unknown object fields are ignored (zod's default: they are dropped before a handler sees them), the
 * one rule for every route; the global input check in http/input-check.ts still refuses NUL and lone
 * surrogates in them.
 *
 * They live in core, not http, because core's own schemas (users, SKUs, movements…) use them too.
 */

export const int32Max = 2_147_483_647;
export const int32Min = -2_147_483_648;

/** Most units one request moves or holds back: far above any real stock, far below int4's limit. */
export const maxUnits = 1_000_000;

// Without the `u` flag the pattern sees UTF-16 code units, which is what a lone surrogate is.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function unstorableCharacter(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which text cannot hold';
  if (loneSurrogate.test(value)) return 'contains a broken character (an unpaired UTF-16 surrogate)';
  return null;
}

const storable = (value: string) => unstorableCharacter(value) === null;
const storableMessage = {
  error: (issue: { input?: unknown }) => `This text ${unstorableCharacter(String(issue.input)) ?? 'is not valid'}.`,
  abort: true,
};

/**
 * Text of at most `max` characters that the database can store. Chain `.trim()`, `.min()`,
 * `.regex()` as usual; the character check runs first, so a later rule never sees a NUL.
 */
export function text(options: { max: number; min?: number; minMessage?: string; maxMessage?: string }) {
  let schema = z
    .string()
    .refine(storable, storableMessage)
    .max(options.max, options.maxMessage ?? `Give at most ${options.max} characters.`);
  if (options.min !== undefined)
    schema = schema.min(
      options.min,
      options.minMessage ?? `Give at least ${options.min} character${options.min === 1 ? '' : 's'}.`,
    );
  return schema;
}

/**
 * The code or name that identifies a row (a warehouse, SKU, channel, picklist, manifest or user code;
 * a marketplace SKU). Lookups by it are exact; length is bounded so a path can never carry a novel.
 */
export const key = (what: string, max = 200) =>
  text({ max, min: 1, minMessage: `Give the ${what}.`, maxMessage: `A ${what} is at most ${max} characters.` });

/** A password as typed: not trimmed, at most 256 characters (hashing a megabyte costs a second of CPU). */
export const maxPasswordLength = 256;
export const password = (min = 1, minMessage?: string) =>
  text({
    max: maxPasswordLength,
    min,
    minMessage,
    maxMessage: `A password is at most ${maxPasswordLength} characters.`,
  });

/** A whole number in a range that fits an `integer` (int4) column unless narrowed. */
export function int32(options: { min?: number; max?: number; message?: string } = {}) {
  const min = Math.max(options.min ?? int32Min, int32Min);
  const max = Math.min(options.max ?? int32Max, int32Max);
  const message = options.message ?? `Give a whole number from ${min} to ${max}.`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** A number of units (quantities, buffers): whole, 0 or more, at most `maxUnits`. */
export const quantity = (options: { min?: number; message?: string } = {}) =>
  int32({
    min: options.min ?? 0,
    max: maxUnits,
    message:
      options.message ??
      `Give a whole number of units from ${options.min ?? 0} to ${maxUnits.toLocaleString('en-IN')}.`,
  });

/** Money in integer paise (a `bigint` column), 0 to `max`; fractions of a paisa are refused. */
export const paise = (max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: 'Give money as a whole number of paise.' })
    .int('Give money as a whole number of paise.')
    .min(0, 'Money cannot be negative.')
    .max(max, `At most ${max} paise.`);

/** The id of a row of a `serial` (int4) table, such as a user's token. */
export const id32 = (what = 'id') =>
  int32({ min: 1, message: `Give the ${what}: a whole number from 1 to ${int32Max}.` });

/** The id of a row of a `bigserial` table, up to the largest integer a JSON number holds exactly. */
export const id64 = (what = 'id') => {
  const message = `Give the ${what}: a whole number from 1 to ${Number.MAX_SAFE_INTEGER}.`;
  return z.number({ error: message }).int(message).min(1, message).max(Number.MAX_SAFE_INTEGER, message);
};

/**
 * A whole number given as text (a path or query parameter): digits with an optional minus, then the
 * range check of `inner`. Strict on purpose: `z.coerce.number()` would take "", "1e3" and "0x10".
 */
export function fromText<T extends z.ZodNumber>(inner: T, message = 'Give a whole number (digits only).') {
  return z
    .string()
    .max(20, message)
    .regex(/^-?\d+$/, message)
    .transform(Number)
    .pipe(inner);
}

/** Query paging: `limit` from 1 to `max`, `default` when absent. */
export const limit = (max: number, defaultValue: number) =>
  fromText(int32({ min: 1, max, message: `limit is a whole number from 1 to ${max}.` })).default(defaultValue);

/** A row id as a path or query parameter. */
export const id32Param = (what?: string) => fromText(id32(what));
export const id64Param = (what?: string) => fromText(id64(what));

/**
 * A keyset cursor id ("after"/"before" in a query): any id a page could have ended on, 0 allowed so
 * "from the start" is expressible.
 */
export const cursorParam = () =>
  fromText(
    z
      .number()
      .int('Give a whole number.')
      .min(0, 'A cursor is 0 or more.')
      .max(Number.MAX_SAFE_INTEGER, 'That cursor is past any id.'),
  );

/**
 * Years a date may fall in. JavaScript and PostgreSQL disagree outside it (JavaScript has a year 0 and
 * dates to ±275,760; PostgreSQL has no year 0), and no order, PO or sync date of Weft's lies outside.
 */
export const firstYear = 1900;
export const lastYear = 9999;
const inYears = (date: Date) =>
  !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= firstYear && date.getUTCFullYear() <= lastYear;

/** A calendar date, YYYY-MM-DD, that exists and lies in the years Weft handles. */
export const calendarDate = (message = 'Give dates as YYYY-MM-DD.') =>
  z.iso
    .date(message)
    .refine((d) => inYears(new Date(`${d}T00:00:00Z`)), `Give a date from ${firstYear} to ${lastYear}.`);

/** A date or date-time as ISO-8601, in the years Weft handles, as a Date. */
export const dateTime = (message = 'Give a date or time as ISO-8601, such as 2026-11-01 or 2026-11-01T10:00:00Z.') =>
  text({ max: 40 })
    .refine((v) => !Number.isNaN(Date.parse(v)), message)
    .refine((v) => Number.isNaN(Date.parse(v)) || inYears(new Date(v)), `Give a date from ${firstYear} to ${lastYear}.`)
    .transform((v) => new Date(v));

/** "true" or "false" in a query string. */
export const flagParam = () => z.enum(['true', 'false'], 'Give true or false.');
