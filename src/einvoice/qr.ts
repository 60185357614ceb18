import { createPublicKey, verify } from 'node:crypto';

/**
 * Decoding of the IRP's `SignedInvoice` and `SignedQRCode` (docs/gst.md c6): JWS compact tokens,
 * RS256, payload `{"data": "<JSON as a string>", "iss": "NIC"}`.
 *
 * Decoding does NOT verify the signature, which is enough to display and print (india-compliance does
 * the same). Before adopting an IRN found through a duplicate-IRN lookup, call `verifyJwsRs256` with
 * NIC's signing certificate key — not the encryption key (c3.6, c6) — when one is configured.
 */
export interface SignedQrData {
  readonly SellerGstin: string;
  readonly BuyerGstin: string;
  readonly DocNo: string;
  readonly DocTyp: string;
  readonly DocDt: string;
  readonly TotInvVal: number;
  readonly ItemCnt: number;
  readonly MainHsnCode: string;
  readonly Irn: string;
  readonly IrnDt: string;
}

export interface DecodedJws {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
}

export class SignedTokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignedTokenError';
  }
}

function part(segment: string | undefined, what: string): Record<string, unknown> {
  if (!segment) throw new SignedTokenError(`signed token has no ${what}; expected header.payload.signature`);
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (cause) {
    throw new SignedTokenError(`signed token ${what} is not Base64url JSON`, { cause });
  }
}

export function decodeJws(token: string): DecodedJws {
  const segments = token.trim().split('.');
  if (segments.length !== 3) throw new SignedTokenError(`signed token has ${segments.length} parts; expected 3`);
  return { header: part(segments[0], 'header'), payload: part(segments[1], 'payload') };
}

/** The JSON inside the payload's `data` string. */
function dataOf(token: string): Record<string, unknown> {
  const { payload } = decodeJws(token);
  const data = payload.data;
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as Record<string, unknown>;
    } catch (cause) {
      throw new SignedTokenError('signed token "data" is not JSON', { cause });
    }
  }
  if (typeof data === 'object' && data !== null) return data as Record<string, unknown>;
  throw new SignedTokenError('signed token payload has no "data"');
}

export function decodeSignedQr(token: string): SignedQrData {
  const data = dataOf(token);
  for (const field of ['SellerGstin', 'DocNo', 'DocTyp', 'DocDt', 'Irn']) {
    if (typeof data[field] !== 'string') throw new SignedTokenError(`signed QR data has no ${field}`);
  }
  return data as unknown as SignedQrData;
}

/** The registered invoice (the INV-01 payload plus `AckNo`, `AckDt`, `Irn`). */
export function decodeSignedInvoice(token: string): Record<string, unknown> {
  return dataOf(token);
}

/** True when the RS256 signature verifies under `publicKeyPem` (a PEM public key or certificate). */
export function verifyJwsRs256(token: string, publicKeyPem: string): boolean {
  const segments = token.trim().split('.');
  if (segments.length !== 3) return false;
  const { header } = decodeJws(token);
  if (header.alg !== 'RS256') return false;
  return verify(
    'sha256',
    Buffer.from(`${segments[0]}.${segments[1]}`),
    createPublicKey(publicKeyPem),
    Buffer.from(segments[2], 'base64url'),
  );
}
