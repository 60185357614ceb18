import type { IsoDate } from '../tax/business-date.ts';
import type { EInvoiceDocType, EInvoicePayload, IrnDetails } from './types.ts';

/**
 * What exactly-once generation (generate.ts) needs of an IRP client, and the shapes they exchange.
 * IrpClient (client.ts) implements it and calls into generate.ts; generate.ts knows only this port, so
 * the two files do not import each other.
 */
export interface GenerateResult extends IrnDetails {
  /** `generated`: this call created it; `adopted-after-lookup`: found by document after an ambiguous call; `adopted-duplicate`: named by 2150. */
  readonly outcome: 'generated' | 'adopted-after-lookup' | 'adopted-duplicate';
  readonly info: readonly { readonly code: string; readonly desc: unknown }[];
}

export interface DocumentRef {
  readonly docType: EInvoiceDocType;
  readonly docNo: string;
  /** `YYYY-MM-DD` or `dd/mm/yyyy`. */
  readonly docDate: IsoDate | string;
}

export interface IrnRegistry {
  readonly options: {
    /** Total generate POSTs for one document, each after a read-back (c9). Default 2. */
    readonly maxGenerateAttempts?: number;
    /** Pause before a repeated generate. Default 1 s. */
    readonly retryDelayMs?: number;
    /** The IRP *signing* key, PEM; when set, adopted documents must verify under it (c6). */
    readonly signingPublicKeyPem?: string;
  };
  /** One POST Invoice with no read-back or retry; a 2150 is adopted, never re-sent. */
  postInvoice(payload: EInvoicePayload): Promise<GenerateResult>;
  /** GET irnbydocdetails; null when the IRP has nothing. */
  getIrnByDocument(ref: DocumentRef): Promise<IrnDetails | null>;
  /** GET Invoice/irn/{irn}; null when not available. */
  getIrnDetails(irn: string): Promise<IrnDetails | null>;
}
