import type { IrpErrorDetail, IrpInfo } from './irp-error.ts';

/**
 * The IRP response envelope (docs/gst.md c5):
 * `{Status: 1|0, Data, ErrorDetails: [{ErrorCode, ErrorMessage}] | null, InfoDtls: [{InfCd, Desc}] | null}`.
 * NIC documents ErrorDetails as Base64 while real responses are plain JSON, so both are accepted; a
 * `Desc` may likewise arrive as an object or as JSON text.
 */
export interface IrpEnvelope {
  readonly status: 0 | 1;
  readonly data: unknown;
  readonly errors: readonly IrpErrorDetail[];
  readonly info: readonly IrpInfo[];
}

function maybeBase64Json(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text.startsWith('[') || text.startsWith('{')) return JSON.parse(text);
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
}

function maybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

function list(value: unknown): Record<string, unknown>[] {
  if (value === null || value === undefined || value === '') return [];
  const parsed = maybeBase64Json(value);
  if (Array.isArray(parsed))
    return parsed.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  if (typeof parsed === 'object' && parsed !== null) return [parsed as Record<string, unknown>];
  return [];
}

/** Throws a plain Error when the body is not an envelope at all. */
export function parseEnvelope(body: unknown): IrpEnvelope {
  if (typeof body !== 'object' || body === null || !('Status' in body)) {
    throw new Error('response is not an IRP envelope (no Status)');
  }
  const raw = body as Record<string, unknown>;
  const status = String(raw.Status) === '1' ? 1 : 0;
  const errors = list(raw.ErrorDetails).map((e) => ({
    code: String(e.ErrorCode ?? e.errorCode ?? ''),
    message: String(e.ErrorMessage ?? e.errorMessage ?? ''),
  }));
  const info = list(raw.InfoDtls).map((i) => ({ code: String(i.InfCd ?? ''), desc: maybeJson(i.Desc) }));
  return { status, data: raw.Data ?? null, errors, info };
}

/** `InfoDtls[InfCd=DUPIRN].Desc` (c9), if present. */
export function duplicateIrnInfo(info: readonly IrpInfo[]): { irn: string; ackNo?: string; ackDt?: string } | null {
  const dup = info.find((i) => i.code === 'DUPIRN');
  if (!dup || typeof dup.desc !== 'object' || dup.desc === null) return null;
  const desc = dup.desc as Record<string, unknown>;
  if (typeof desc.Irn !== 'string') return null;
  return {
    irn: desc.Irn,
    ackNo: desc.AckNo === undefined ? undefined : String(desc.AckNo),
    ackDt: desc.AckDt === undefined ? undefined : String(desc.AckDt),
  };
}
