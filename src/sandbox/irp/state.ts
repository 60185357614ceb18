import { createHash, randomBytes } from 'node:crypto';

/**
 * In-memory state of the IRP sandbox: sessions, registered documents and injected faults.
 * One registered document per key GSTIN + FY + type + upper-cased number (docs/gst.md a2, c6).
 */
export interface SandboxSession {
  readonly authToken: string;
  readonly sek: Buffer;
  readonly userName: string;
  readonly gstin: string;
  readonly expiresAt: Date;
}

export interface SandboxIrnRecord {
  readonly key: string;
  readonly gstin: string;
  readonly irn: string;
  readonly ackNo: number;
  readonly ackDt: string;
  readonly createdAt: Date;
  readonly docType: string;
  readonly docNo: string;
  readonly docDate: string;
  readonly payload: Record<string, unknown>;
  readonly signedInvoice: string;
  readonly signedQrCode: string;
  status: 'ACT' | 'CNL';
  cancelDate: string | null;
}

export type GenerateFault = 'timeout-after-register' | 'http-500';

export interface SandboxCallCounts {
  auth: number;
  generate: number;
  getByIrn: number;
  getByDocument: number;
  cancel: number;
}

/** FY `YYYY-YY` from a `dd/mm/yyyy` date (April–March). */
export function fyOfDdMmYyyy(date: string): string {
  const [, month, year] = date.split('/').map(Number);
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The key and IRN the sandbox assigns. Since 1 Jun 2025 the IRP upper-cases document numbers before
 * hashing (a2), so the sandbox does too.
 */
export function documentKey(
  gstin: string,
  docType: string,
  docNo: string,
  docDate: string,
): { key: string; irn: string } {
  const key = `${gstin}${fyOfDdMmYyyy(docDate)}${docType}${docNo.toUpperCase()}`;
  return { key, irn: createHash('sha256').update(key, 'utf8').digest('hex') };
}

export class SandboxState {
  readonly sessions = new Map<string, SandboxSession>();
  /** Latest session per user, so a re-auth within validity returns the same token (c3.5). */
  readonly sessionByUser = new Map<string, SandboxSession>();
  readonly byKey = new Map<string, SandboxIrnRecord>();
  readonly byIrn = new Map<string, SandboxIrnRecord>();
  readonly faults: GenerateFault[] = [];
  readonly calls: SandboxCallCounts = { auth: 0, generate: 0, getByIrn: 0, getByDocument: 0, cancel: 0 };
  private ackCounter = 0;

  newToken(): string {
    return randomBytes(18).toString('base64url');
  }

  /** 15-digit acknowledgement numbers like the IRP's (c6). */
  nextAckNo(): number {
    this.ackCounter += 1;
    return 112_010_000_000_000 + this.ackCounter;
  }

  register(record: SandboxIrnRecord): void {
    this.byKey.set(record.key, record);
    this.byIrn.set(record.irn, record);
  }

  reset(): void {
    this.sessions.clear();
    this.sessionByUser.clear();
    this.byKey.clear();
    this.byIrn.clear();
    this.faults.length = 0;
    for (const name of Object.keys(this.calls) as (keyof SandboxCallCounts)[]) this.calls[name] = 0;
  }
}
