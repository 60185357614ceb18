/**
 * The fulfilment calls the core asks a channel to make, in Weft's terms (paise, Dates, box codes).
 * A channel implements them in its `pushes`; failures are thrown as ChannelPushError.
 */
export interface InvoiceBox {
  boxCode: string;
  weightGrams: number;
  lines: { externalLineId: string; quantity: number }[];
}

export interface InvoiceRequest {
  poNumber: string;
  boxes: InvoiceBox[];
}

export interface InvoiceResult {
  invoiceNumber: string;
  invoiceDate: Date;
  invoiceUrl: string | null;
  taxablePaise: number;
  taxPaise: number;
  totalPaise: number;
  /** Present when the marketplace registered the e-invoice itself. */
  irn: string | null;
  signedQr: string | null;
  ackNo: string | null;
  ackDate: Date | null;
  raw: Record<string, unknown>;
}

/** The seller's own e-invoice (IRN) sent to the marketplace ("Enable E-invoicing" = Yes). */
export interface InvoiceUpdateRequest {
  poNumber: string;
  invoiceNumber: string;
  irn: string;
  signedQr: string;
  ackNo: string;
  ackDate: Date;
  invoicePdf: Buffer;
}

export interface ShipmentResult {
  masterAwb: string;
  boxes: { boxCode: string; awb: string }[];
  /** The marketplace's box labels, one per box, when it provides them. */
  labelPdf: Buffer | null;
}

export interface DispatchItem {
  poNumber: string;
  orderId: string;
  masterAwb: string;
  invoiceNumber: string;
}

export interface DispatchResult {
  manifestId: string | null;
  manifestPdf: Buffer | null;
  /** Items the marketplace refused, with its message; the rest are dispatched. */
  refused: { orderId: string; message: string }[];
}
