/**
 * The one error type the domain throws on purpose. `http/errors.ts` turns it into a response;
 * the CLI prints its message. Messages are sentences a person can act on.
 */
export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden' | 'unavailable';

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const invalid = (message: string, field?: string, details?: unknown) =>
  new AppError('invalid', message, { field, details });
export const notFound = (message: string) => new AppError('not_found', message);
export const conflict = (message: string, field?: string) => new AppError('conflict', message, { field });

/** PostgreSQL's unique_violation, as raised by both node-postgres and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
