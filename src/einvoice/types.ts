import type { TaxRounding } from '../tax/tax-split.ts';

/**
 * Weft's own description of a GST document to be registered at the IRP, independent of AJIO field
 * names and of the INV-01 spelling. Money is integer paise; dates are IST business dates `YYYY-MM-DD`.
 */
export type EInvoiceDocType = 'INV' | 'CRN' | 'DBN';

export interface EInvoiceAddress {
  readonly address1: string;
  readonly address2?: string;
  /** City / town (INV-01 `Loc`). */
  readonly location: string;
  /** Six-digit PIN code. */
  readonly pincode: string | number;
  /** Two-digit GST state code (docs/gst.md a6). */
  readonly stateCode: string;
}

export interface EInvoiceParty extends EInvoiceAddress {
  readonly gstin: string;
  readonly legalName: string;
  readonly tradeName?: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface EInvoiceShipTo extends EInvoiceAddress {
  readonly gstin?: string;
  readonly legalName: string;
  readonly tradeName?: string;
}

export interface EInvoiceDispatchFrom extends EInvoiceAddress {
  readonly name: string;
}

export interface EInvoiceLineInput {
  readonly description: string;
  /** 6 or 8 digits for e-invoicing sellers (a3); 4 is accepted by the schema. */
  readonly hsn: string;
  readonly quantity: number;
  /** Unique Quantity Code, e.g. PCS, PRS, NOS (d3). */
  readonly unit: string;
  readonly unitPricePaise: number;
  /** Discount shown on the invoice for the whole line. */
  readonly discountPaise?: number;
  /** Full GST rate in percent (e.g. 5 or 18), usually from gstRateFor. */
  readonly ratePercent: number;
  readonly barcode?: string;
  /** The channel's order line / SKU reference, ≤ 50 characters (d5). */
  readonly orderLineRef?: string;
}

export interface EInvoiceInput {
  readonly type: EInvoiceDocType;
  readonly number: string;
  readonly date: string;
  readonly seller: EInvoiceParty;
  readonly buyer: EInvoiceParty;
  /** Place of supply state code (`BuyerDtls.Pos`); for AJIO the FC's state (a5, d5). */
  readonly placeOfSupply: string;
  readonly dispatchFrom?: EInvoiceDispatchFrom;
  readonly shipTo?: EInvoiceShipTo;
  readonly lines: readonly EInvoiceLineInput[];
  readonly otherChargesPaise?: number;
  readonly invoiceDiscountPaise?: number;
  /** Default 'rupee': the total is rounded to whole rupees and the difference goes to `RndOffAmt`. */
  readonly roundOff?: 'rupee' | 'none';
  /** How line tax is rounded (tax-split.ts); default d4's per-component rounding. */
  readonly taxRounding?: TaxRounding;
  readonly purchaseOrder?: { readonly number: string; readonly date: string };
  /** Original invoice, for credit and debit notes. */
  readonly precedingInvoice?: { readonly number: string; readonly date: string };
  readonly remarks?: string;
}

/** The INV-01 JSON itself. Kept loose: its shape is enforced by the JSON schema (schema.ts). */
export type EInvoicePayload = {
  Version: string;
  TranDtls: Record<string, unknown>;
  DocDtls: { Typ: EInvoiceDocType; No: string; Dt: string };
  SellerDtls: Record<string, unknown> & { Gstin: string; Stcd: string };
  BuyerDtls: Record<string, unknown> & { Gstin: string; Pos: string; Stcd: string };
  DispDtls?: Record<string, unknown>;
  ShipDtls?: Record<string, unknown>;
  ItemList: Array<Record<string, unknown>>;
  ValDtls: Record<string, unknown> & { AssVal: number; TotInvVal: number };
  RefDtls?: Record<string, unknown>;
  [key: string]: unknown;
};

/** What the IRP returns for generate / get (c2, c6), in one canonical shape (c1). */
export interface IrnDetails {
  readonly irn: string;
  readonly ackNo: string;
  /** IST `yyyy-MM-dd HH:mm:ss` as the IRP sends it. */
  readonly ackDt: string;
  /** Absent only when the IRN was adopted from DUPIRN after the 2-day window (2283, c9). */
  readonly signedInvoice: string | null;
  readonly signedQrCode: string | null;
  /** `ACT` or `CNL`. */
  readonly status: string;
  readonly ewbNo?: string | null;
  readonly ewbDt?: string | null;
  readonly ewbValidTill?: string | null;
  readonly remarks?: string | null;
}
