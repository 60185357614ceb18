import { createHash } from 'node:crypto';
import { fromDdMmYyyy, type IsoDate } from '../tax/business-date.ts';
import { financialYear } from '../tax/invoice-number.ts';
import type { EInvoiceDocType, EInvoicePayload } from './types.ts';

/**
 * The IRN the IRP will assign: SHA-256(supplier GSTIN + FY `YYYY-YY` + doc type + doc number) as 64
 * lowercase hex characters (docs/gst.md 0.4, c6; verified there against sandbox IRNs). The FY
 * comes from the document date. The number is hashed as given: Weft's numbers are already upper case,
 * which sidesteps the open question of how the IRP hashes since it started upper-casing (a2,
 * uncertainty 4). The IRP's returned `Irn` stays authoritative; this is a cross-check and the key for
 * finding a document again.
 */
export interface IrnKey {
  readonly sellerGstin: string;
  readonly docType: EInvoiceDocType;
  readonly docNo: string;
  /** Document date, `YYYY-MM-DD` (IST business date) or a Date. */
  readonly docDate: IsoDate | Date;
}

export function irnHashInput(key: IrnKey): string {
  return `${key.sellerGstin}${financialYear(key.docDate)}${key.docType}${key.docNo}`;
}

export function computeIrn(key: IrnKey): string {
  return createHash('sha256').update(irnHashInput(key), 'utf8').digest('hex');
}

/** The IRN key of an INV-01 payload. */
export function irnKeyOfPayload(payload: EInvoicePayload): IrnKey {
  return {
    sellerGstin: payload.SellerDtls.Gstin,
    docType: payload.DocDtls.Typ,
    docNo: payload.DocDtls.No,
    docDate: fromDdMmYyyy(payload.DocDtls.Dt, 'DocDtls.Dt'),
  };
}

export function isIrn(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
