/** Answers of the pack station (/api/orders/:id/pack…, /api/orders/:id/documents) and /api/discrepancies. */
import { z } from 'zod';
import { timestamp } from './common.ts';
import { storedDocument } from './documents.ts';

const int = z.number().int();

export const packLine = z.object({
  lineId: int,
  externalLineId: z.string(),
  sku: z.string(),
  ean: z.string().nullable(),
  name: z.string(),
  ordered: int,
  cancelled: int,
  packed: int,
  remaining: int,
});

export const packBox = z.object({
  boxCode: z.string(),
  boxNo: int,
  status: z.enum(['open', 'closed']),
  weightGrams: int.nullable(),
  awb: z.string().nullable(),
  items: z.array(z.object({ sku: z.string(), quantity: int })),
});

/** A box of a prefetched PO's plan: what the marketplace's invoice and AWB hold for it. */
export const planBox = z.object({
  boxCode: z.string(),
  boxNo: int,
  awb: z.string().nullable(),
  weightGrams: int,
  invoiceNumber: z.string(),
  lines: z.array(z.object({ externalLineId: z.string(), sku: z.string(), quantity: int, packed: int })),
  state: z.enum(['to pack', 'open', 'closed']),
});

export const packDiscrepancy = z.object({
  kind: z.string(),
  boxCode: z.string(),
  marketplaceValue: int,
  packedValue: int,
  message: z.string(),
});

/** Every pack call answers with the order's whole pack state, so a screen can redraw from it. */
export const packState = z.object({
  orderId: int,
  poNumber: z.string(),
  status: z.string(),
  marketplaceStatus: z.string().nullable(),
  lines: z.array(packLine),
  boxes: z.array(packBox),
  openBox: z.string().nullable(),
  unitsRemaining: int,
  /** A prefetched PO's plan: pack exactly this. */
  plan: z.array(planBox).nullable(),
  /** What to do next, in a sentence. */
  cue: z.string(),
  discrepancies: z.array(packDiscrepancy),
});

export const invoice = z.object({
  id: int,
  orderId: int,
  invoiceNumber: z.string(),
  invoiceDate: timestamp,
  taxablePaise: int,
  taxPaise: int,
  totalPaise: int,
  irn: z.string().nullable(),
  ackNo: z.string().nullable(),
  ackDate: timestamp.nullable(),
  signedQr: z.string().nullable(),
  einvoiceStatus: z.string(),
  einvoiceError: z.string().nullable(),
  prefetched: z.boolean(),
  status: z.enum(['active', 'void']),
  voidReason: z.string().nullable(),
  marketplaceResponse: z.record(z.string(), z.unknown()).nullable(),
  /** A superseded invoice's IRN: cancelled at the IRP, or flagged for the accountant (past 24 h, refused). */
  irnCancelStatus: z.enum(['cancelled', 'past_window', 'failed']).nullable(),
  irnCancelledAt: timestamp.nullable(),
  irnCancelError: z.string().nullable(),
  createdAt: timestamp,
  /** The marketplace's own PDF of the invoice: where it is, and whether Weft has stored it. */
  marketplacePdfUrl: z.string().nullable(),
  marketplacePdfStatus: z.enum(['none', 'pending', 'failed', 'stored']),
  marketplacePdfError: z.string().nullable(),
  marketplacePdfAttempts: int,
  marketplacePdfCheckedAt: timestamp.nullable(),
});

/** The marketplace's own invoice PDF of an order, as the order page shows it beside Weft's. */
export const marketplaceInvoice = z.object({
  invoiceNumber: z.string(),
  /** none: the marketplace gave no address; pending: not fetched yet; failed: see error; stored. */
  status: z.enum(['none', 'pending', 'failed', 'stored']),
  error: z.string().nullable(),
  attempts: int,
  checkedAt: timestamp.nullable(),
  /** GET /api/documents/:id, once stored. */
  documentId: int.nullable(),
});

export const shipment = z.object({
  id: int,
  orderId: int,
  masterAwb: z.string(),
  labelSource: z.enum(['marketplace', 'weft']),
  status: z.enum(['active', 'void']),
  createdAt: timestamp,
});

/** The invoice, the shipment and the documents (invoice PDF, box labels) of a packed order. */
export const packDocuments = z.object({ invoice, shipment, documents: z.array(storedDocument) });

export const finishedPack = packState.extend({
  documents: packDocuments.nullable(),
  /** When the documents could not be made now: why, and whether a background job retries. */
  documentsPending: z
    .object({ code: z.string(), message: z.string(), details: z.unknown().optional(), retrying: z.boolean() })
    .nullable(),
});

export const discrepancy = z.object({
  id: int,
  orderId: int,
  poNumber: z.string(),
  channel: z.string(),
  orderStatus: z.string(),
  kind: z.string(),
  boxCode: z.string(),
  marketplaceValue: int,
  packedValue: int,
  message: z.string(),
  createdBy: z.string(),
  createdAt: timestamp,
});

export const discrepancyPage = z.object({ items: z.array(discrepancy), next: z.string().nullable() });

/** GET /api/pack/waiting: packed orders still without their invoice or labels (the station's "waiting for documents" shelf). */
export const waitingOrder = z.object({
  orderId: int,
  poNumber: z.string(),
  channel: z.string(),
  status: z.string(),
  packedAt: timestamp,
  /** Whether the invoice is issued (if so, only the labels are missing). */
  invoiced: z.boolean(),
  labelled: z.boolean(),
});
export const waitingShelf = z.object({ items: z.array(waitingOrder) });
