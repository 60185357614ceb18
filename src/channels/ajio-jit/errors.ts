/**
 * Every failure of a call to AJIO is classified once, here:
 * - retryable: surely had no effect (network refused, 429, 5xx on a read) — try again after a pause;
 * - indeterminate: may have had an effect (a write that timed out or got a 5xx) — read back first;
 * - fatal: AJIO said no (4xx other than 401/429), or credentials are wrong — retrying will not help.
 */
export type AjioErrorKind = 'retryable' | 'indeterminate' | 'fatal';

export class AjioError extends Error {
  readonly kind: AjioErrorKind;
  readonly status: number | null;
  readonly path: string;
  readonly body: unknown;

  constructor(kind: AjioErrorKind, message: string, details: { status?: number | null; path: string; body?: unknown }) {
    super(message);
    this.name = 'AjioError';
    this.kind = kind;
    this.status = details.status ?? null;
    this.path = details.path;
    this.body = details.body;
  }
}

/** AJIO's error body is `{success:false, statusCode, errorMessage}`; fall back to the status line. */
export function ajioMessage(body: unknown, status: number): string {
  const message = (body as { errorMessage?: unknown } | null)?.errorMessage;
  return typeof message === 'string' && message ? message : `HTTP ${status}`;
}
