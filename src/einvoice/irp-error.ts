/**
 * IRP failures, classified once (docs/architecture.md §1: retryable / indeterminate / fatal) so callers never parse
 * codes. Kinds, from docs/gst.md c9:
 * - `auth`: 1005 invalid token — the client re-authenticates once and replays;
 * - `config`: other 1xxx vital errors and 2143 — a settings fault: stop and alert;
 * - `rejected`: the payload is wrong (2140, 2172, 2174, 2182, 2189, 2193, 3028 …) — fix it, never resend unchanged;
 * - `retryable`: 2146/2147 "try after some time", or a GET that failed in transport;
 * - `indeterminate`: a write whose outcome is unknown (timeout, network, 5xx) — read before retrying;
 * - `not-found`: 2148 / 2283 — no details available;
 * - `conflict`: an IRN exists for the number but belongs to different content — an operator decides.
 */
export type IrpErrorKind = 'auth' | 'config' | 'rejected' | 'retryable' | 'indeterminate' | 'not-found' | 'conflict';

export interface IrpErrorDetail {
  readonly code: string;
  readonly message: string;
}

export interface IrpInfo {
  readonly code: string;
  readonly desc: unknown;
}

export class IrpError extends Error {
  readonly kind: IrpErrorKind;
  readonly operation: string;
  readonly errors: readonly IrpErrorDetail[];
  readonly info: readonly IrpInfo[];
  readonly httpStatus: number | undefined;

  constructor(
    operation: string,
    kind: IrpErrorKind,
    message: string,
    extra: { errors?: readonly IrpErrorDetail[]; info?: readonly IrpInfo[]; httpStatus?: number; cause?: unknown } = {},
  ) {
    super(`IRP ${operation}: ${message}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'IrpError';
    this.kind = kind;
    this.operation = operation;
    this.errors = extra.errors ?? [];
    this.info = extra.info ?? [];
    this.httpStatus = extra.httpStatus;
  }

  hasCode(code: string): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

const RETRYABLE = new Set(['2146', '2147']);
const NOT_FOUND = new Set(['2148', '2283']);

export function classifyIrpCodes(codes: readonly string[]): IrpErrorKind {
  if (codes.includes('1005')) return 'auth';
  if (codes.some((c) => /^1\d{3}$/.test(c)) || codes.includes('2143')) return 'config';
  if (codes.length > 0 && codes.every((c) => RETRYABLE.has(c))) return 'retryable';
  if (codes.length > 0 && codes.every((c) => NOT_FOUND.has(c))) return 'not-found';
  return 'rejected';
}
