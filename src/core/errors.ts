/**
 * The one error type the domain throws on purpose. `http/errors.ts` turns it into a response;
 * the CLI prints its message. Messages are sentences a person can act on.
 */
export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf'
  | 'throttled'
  | 'bad_gateway'
  | 'login_refused'
  | 'unavailable';

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  /** A cookie-authenticated change that did not come from the console's own pages. */
  csrf: 403,
  not_found: 404,
  conflict: 409,
  /** Too many failed sign-ins; the answer carries Retry-After. */
  throttled: 429,
  /** A device Weft talks to on the operator's behalf (a network printer) refused or did not answer. */
  bad_gateway: 502,
  /** The marketplace refused the channel's credentials: the request was fine, the password is not. */
  login_refused: 422,
  unavailable: 503,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;
  /** Seconds until trying again makes sense; sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
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
