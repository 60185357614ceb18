import { fromIstDateTime, toDdMmYyyy } from '../tax/business-date.ts';
import { adoptFromDuplicate, generateExactlyOnce } from './generate.ts';
import type { DocumentRef, GenerateResult, IrnRegistry } from './irp-port.ts';
import { decryptJson, decryptSek, encryptAuthPayload, encryptJson, generateAppKey } from './crypto.ts';
import { parseEnvelope, type IrpEnvelope } from './envelope.ts';
import { classifyIrpCodes, IrpError } from './irp-error.ts';
import type { EInvoicePayload, IrnDetails } from './types.ts';
import { assertOutboundUrl, OutboundUrlError } from '../net/outbound-url.ts';

/**
 * Client for NIC's IRP API, direct (docs/gst.md c1–c5): auth with RSA + AppKey, SEK-encrypted
 * bodies, token + SEK cached as a pair until shortly before expiry, 1005 re-auth once. The generate
 * path with its duplicate-IRN recovery lives in generate.ts.
 */
export interface IrpClientOptions {
  /** API base, e.g. https://einv-apisandbox.nic.in (production host is issued at onboarding, c1). */
  readonly baseUrl: string;
  /** GSTIN of the authenticated taxpayer (`Gstin` header). */
  readonly gstin: string;
  readonly userName: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The environment's RSA *encryption* public key, PEM (c3.6). */
  readonly publicKeyPem: string;
  /** The IRP *signing* key, PEM; when set, adopted documents must verify under it (c6). */
  readonly signingPublicKeyPem?: string;
  /** NIC spells headers `client_id`; some gateways want `client-id` (c4, uncertainty 2). Default 'underscore'. */
  readonly headerStyle?: 'underscore' | 'hyphen';
  /** Per-request timeout. Default 30 s. */
  readonly timeoutMs?: number;
  /** Renew the token this long before it expires (default 10 min): NIC honours a forced refresh only in the last 10 minutes (c3.5), so keep it ≤ 10 min. */
  readonly refreshMarginMs?: number;
  /** Total generate POSTs for one document, each after a read-back (c9). Default 2. */
  readonly maxGenerateAttempts?: number;
  /** Pause before a repeated generate. Default 1 s. */
  readonly retryDelayMs?: number;
  readonly now?: () => Date;
}

/** Token and SEK from one auth response, kept as a pair (c3.5). */
export interface IrpSession {
  readonly authToken: string;
  readonly sek: Buffer;
  readonly userName: string;
  readonly expiresAt: Date;
}

/** NIC cancel reasons (c7). */
export const CANCEL_REASONS = {
  duplicate: '1',
  'data-entry-mistake': '2',
  'order-cancelled': '3',
  others: '4',
} as const;
export type CancelReason = keyof typeof CANCEL_REASONS;

const AUTH_PATH = '/eivital/v1.04/auth';
const INVOICE_PATH = '/eicore/v1.03/Invoice';

export function irnDetailsFrom(data: Record<string, unknown>): IrnDetails {
  const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    irn: String(data.Irn),
    ackNo: String(data.AckNo),
    ackDt: String(data.AckDt),
    signedInvoice: text(data.SignedInvoice),
    signedQrCode: text(data.SignedQRCode),
    status: text(data.Status) ?? 'ACT',
    ewbNo: text(data.EwbNo),
    ewbDt: text(data.EwbDt),
    ewbValidTill: text(data.EwbValidTill),
    remarks: text(data.Remarks),
  };
}

export type { DocumentRef, GenerateResult } from './irp-port.ts';

export class IrpClient implements IrnRegistry {
  readonly options: IrpClientOptions;
  private session: IrpSession | undefined;
  private pendingAuth: Promise<IrpSession> | undefined;

  constructor(options: IrpClientOptions) {
    for (const key of [
      'baseUrl',
      'gstin',
      'userName',
      'password',
      'clientId',
      'clientSecret',
      'publicKeyPem',
    ] as const) {
      if (!options[key]) throw new IrpError('configure', 'config', `${key} is required in the e-invoicing settings`);
    }
    this.options = options;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private headers(session?: IrpSession): Record<string, string> {
    const sep = this.options.headerStyle === 'hyphen' ? '-' : '_';
    const headers: Record<string, string> = {
      [`client${sep}id`]: this.options.clientId,
      [`client${sep}secret`]: this.options.clientSecret,
      Gstin: this.options.gstin,
      Accept: 'application/json',
    };
    if (session) {
      headers[`user${sep}name`] = session.userName;
      headers.AuthToken = session.authToken;
    }
    return headers;
  }

  /** One HTTP exchange; transport failures become IrpError, the envelope is returned as is. */
  private async exchange(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    session?: IrpSession,
  ): Promise<IrpEnvelope> {
    const headers = this.headers(session);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // Only document writes are ambiguous on a timeout; auth and GETs are safe to repeat.
    const write = method === 'POST' && operation !== 'auth';
    const url = new URL(path, this.options.baseUrl);
    // Checked on every call, after DNS: the IRP password and client secret go only to a public https: host.
    try {
      await assertOutboundUrl(url.toString(), 'The e-invoice (IRP) API address');
    } catch (error) {
      if (error instanceof OutboundUrlError) throw new IrpError(operation, 'config', error.message);
      throw error;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        // A redirect would carry the client secret and token to wherever it points.
        redirect: 'manual',
      });
    } catch (cause) {
      const reason = cause instanceof Error && cause.name === 'TimeoutError' ? 'timed out' : 'failed in transport';
      throw new IrpError(operation, write ? 'indeterminate' : 'retryable', `${method} ${path} ${reason}`, { cause });
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location') ?? '(no Location)';
      await response.body?.cancel();
      throw new IrpError(
        operation,
        'config',
        `${method} ${path} answered ${response.status}, a redirect to ${location}; Weft does not follow redirects with credentials: set the e-invoice (IRP) API address to the one the API answers at`,
        {
          httpStatus: response.status,
        },
      );
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.status >= 500 || (parsed === undefined && response.ok)) {
      throw new IrpError(
        operation,
        write ? 'indeterminate' : 'retryable',
        `${method} ${path} answered HTTP ${response.status}`,
        { httpStatus: response.status },
      );
    }
    try {
      return parseEnvelope(parsed);
    } catch {
      throw new IrpError(
        operation,
        'config',
        `${method} ${path} answered HTTP ${response.status} without an IRP envelope; check baseUrl`,
        {
          httpStatus: response.status,
        },
      );
    }
  }

  private failure(operation: string, envelope: IrpEnvelope): IrpError {
    const codes = envelope.errors.map((e) => e.code);
    const text = envelope.errors.map((e) => `${e.code} : ${e.message}`).join(', ') || 'Status 0 without ErrorDetails';
    return new IrpError(operation, classifyIrpCodes(codes), text, { errors: envelope.errors, info: envelope.info });
  }

  /** Token + SEK, cached as a pair (c3.5); `force` asks NIC for a fresh token. */
  async authenticate(options: { force?: boolean } = {}): Promise<IrpSession> {
    const current = this.session;
    const margin = this.options.refreshMarginMs ?? 10 * 60_000;
    if (!options.force && current && this.now().getTime() < current.expiresAt.getTime() - margin) return current;
    // ForceRefreshAccessToken is honoured only in the last 10 minutes of a live token (c3.5).
    const force = options.force === true || (current !== undefined && this.now() < current.expiresAt);
    this.pendingAuth ??= this.login(force).finally(() => {
      this.pendingAuth = undefined;
    });
    return this.pendingAuth;
  }

  private async login(force: boolean): Promise<IrpSession> {
    const appKey = generateAppKey();
    const data = encryptAuthPayload(
      {
        UserName: this.options.userName,
        Password: this.options.password,
        AppKey: appKey.toString('base64'),
        ForceRefreshAccessToken: force,
      },
      this.options.publicKeyPem,
    );
    const envelope = await this.exchange('auth', 'POST', AUTH_PATH, { Data: data });
    if (envelope.status !== 1) {
      const error = this.failure('auth', envelope);
      // Any auth failure is a settings problem (c9: 1008, 1010, 1013 …), never worth a blind retry.
      throw error.kind === 'auth'
        ? new IrpError('auth', 'config', error.message.replace(/^IRP auth: /, ''), { errors: error.errors })
        : error;
    }
    const result = envelope.data as Record<string, unknown>;
    const session: IrpSession = {
      authToken: String(result.AuthToken),
      sek: decryptSek(String(result.Sek), appKey),
      userName: String(result.UserName ?? this.options.userName),
      expiresAt: fromIstDateTime(String(result.TokenExpiry), 'TokenExpiry'),
    };
    this.session = session;
    return session;
  }

  /** An authenticated, SEK-encrypted call; re-authenticates once on 1005 (c3.5, c9). Returns the decrypted Data. */
  async call(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    plainBody?: unknown,
  ): Promise<{ data: Record<string, unknown>; envelope: IrpEnvelope }> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.authenticate();
      const body = plainBody === undefined ? undefined : { Data: encryptJson(session.sek, plainBody) };
      const envelope = await this.exchange(operation, method, path, body, session);
      if (envelope.status === 1) {
        const data =
          typeof envelope.data === 'string'
            ? decryptJson<Record<string, unknown>>(session.sek, envelope.data)
            : (envelope.data as Record<string, unknown>);
        return { data, envelope };
      }
      const error = this.failure(operation, envelope);
      if (error.kind === 'auth' && attempt === 0) {
        this.session = undefined;
        continue;
      }
      throw error;
    }
  }

  /** Generates the IRN exactly once, recovering timeouts and 2150 by lookup (generate.ts). */
  async generateIrn(payload: EInvoicePayload): Promise<GenerateResult> {
    return generateExactlyOnce(this, payload);
  }

  /** One POST Invoice with no read-back or retry (generate.ts drives those); a 2150 is still adopted, never re-sent. */
  async postInvoice(payload: EInvoicePayload): Promise<GenerateResult> {
    try {
      const { data, envelope } = await this.call('generate', 'POST', INVOICE_PATH, payload);
      return { ...irnDetailsFrom(data), outcome: 'generated', info: envelope.info };
    } catch (error) {
      if (error instanceof IrpError && error.hasCode('2150')) return adoptFromDuplicate(this, payload, error);
      throw error;
    }
  }

  /** GET irnbydocdetails (c2); null when the IRP has nothing (2148) or no longer serves it (2283). */
  async getIrnByDocument(ref: DocumentRef): Promise<IrnDetails | null> {
    const date = /^\d{2}\/\d{2}\/\d{4}$/.test(ref.docDate) ? ref.docDate : toDdMmYyyy(ref.docDate, 'docDate');
    const query = new URLSearchParams({ doctype: ref.docType, docnum: ref.docNo, docdate: date });
    return this.getDetails('get-by-document', `${INVOICE_PATH}/irnbydocdetails?${query.toString()}`);
  }

  /** GET Invoice/irn/{irn} (c2, c8); null when not available. */
  async getIrnDetails(irn: string): Promise<IrnDetails | null> {
    return this.getDetails('get-by-irn', `${INVOICE_PATH}/irn/${encodeURIComponent(irn)}`);
  }

  private async getDetails(operation: string, path: string): Promise<IrnDetails | null> {
    try {
      const { data } = await this.call(operation, 'GET', path);
      return irnDetailsFrom(data);
    } catch (error) {
      if (error instanceof IrpError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  /** Cancels within 24 h (c7). After a timeout, reads the IRN back rather than guessing. */
  async cancelIrn(
    irn: string,
    reason: CancelReason,
    remark: string,
  ): Promise<{ irn: string; cancelDate: string | null }> {
    const body = { Irn: irn, CnlRsn: CANCEL_REASONS[reason], CnlRem: remark.slice(0, 100) };
    try {
      const { data } = await this.call('cancel', 'POST', `${INVOICE_PATH}/Cancel`, body);
      return { irn: String(data.Irn), cancelDate: String(data.CancelDate) };
    } catch (error) {
      if (error instanceof IrpError && error.kind === 'indeterminate') {
        const details = await this.getIrnDetails(irn);
        // The cancel landed; the read-back does not carry the cancel time, hence null.
        if (details?.status === 'CNL') return { irn, cancelDate: null };
      }
      throw error;
    }
  }
}
