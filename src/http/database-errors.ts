import { AppError } from '../core/errors.ts';

/**
 * PostgreSQL errors caused by what a client sent, turned into answers that tell them what to change.
 * node-postgres and PGlite both raise errors with the server's SQLSTATE in `code` (and `detail`,
 * `column`); Drizzle wraps them in an error whose `cause` is the original.
 *
 * This is the net, not the rule: the route schemas (core/schema-types.ts) are meant to refuse such
 * input first, so every mapping is logged as a schema gap to close.
 */
interface PgError {
  code: string;
  detail?: string;
  column?: string;
  message: string;
}

const sqlState = /^[0-9A-Z]{5}$/;

export function databaseErrorOf(error: unknown): PgError | null {
  for (
    let at = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    at && depth < 5;
    at = at.cause as typeof at, depth++
  ) {
    if (typeof at.code === 'string' && sqlState.test(at.code) && 'severity' in at) return at as unknown as PgError;
  }
  return null;
}

/** `sku_id` → `skuId`: fields are named as the API names them. */
const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** "Key (warehouse_id, sku_id)=(1, 2) already exists." → "warehouseId" (the first column). */
function fieldOf(error: PgError): string | undefined {
  if (error.column) return camel(error.column);
  const key = /^Key \(([^,)]+)/.exec(error.detail ?? '');
  return key ? camel(key[1].trim()) : undefined;
}

/** The AppError for a database error a client caused, or null for a real server fault. */
export function appErrorFromDatabase(error: PgError): AppError | null {
  const field = fieldOf(error);
  const named = field ? `${field}: ` : '';
  switch (error.code) {
    case '22P05': // untranslatable character (NUL in jsonb)
    case '22021': // character not in repertoire (NUL, broken UTF-8)
      return new AppError(
        'invalid',
        `${named}The text contains a character that cannot be stored (such as NUL). Send it without it.`,
        { field },
      );
    case '22003': // numeric value out of range
      return new AppError('invalid', `${named}A number is out of the range Weft can store. Give a smaller number.`, {
        field,
      });
    case '22P02': // invalid text representation
      return new AppError(
        'invalid',
        `${named}A value is not in the form expected (such as text where a number belongs).`,
        { field },
      );
    case '22001': // string data right truncation
      return new AppError('invalid', `${named}A text is longer than Weft can store. Shorten it.`, { field });
    case '22007': // invalid datetime format
    case '22008': // datetime field overflow
      return new AppError(
        'invalid',
        `${named}A date or time is not valid or out of range. Give it as ISO-8601, such as 2026-11-01.`,
        { field },
      );
    case '23505': // unique_violation
      return new AppError('conflict', `${named}That already exists. Choose another value or change the existing one.`, {
        field,
      });
    case '23503': // foreign_key_violation
      return new AppError(
        'conflict',
        `${named}That refers to something that does not exist, or is still in use by something else.`,
        { field },
      );
    case '23514': // check_violation
    case '23502': // not_null_violation
      return new AppError('invalid', `${named}A value is missing or not allowed.`, { field });
    default:
      return null;
  }
}
