/** Answers of /api/credit-notes and /api/gst-register. */
import { z } from 'zod';
import { timestamp } from './common.ts';

const int = z.number().int();

export const creditNoteLine = z.object({
  sku: z.string(),
  description: z.string(),
  hsn: z.string(),
  quantity: int,
  unitPricePaise: int,
  ratePercent: z.number(),
});

export const creditNote = z.object({
  id: int,
  returnId: int,
  invoiceId: int,
  orderId: int,
  channelId: int,
  noteNumber: z.string(),
  noteDate: timestamp,
  lines: z.array(creditNoteLine),
  taxablePaise: int,
  taxPaise: int,
  totalPaise: int,
  irn: z.string().nullable(),
  ackNo: z.string().nullable(),
  ackDate: timestamp.nullable(),
  signedQr: z.string().nullable(),
  einvoiceStatus: z.enum(['not_required', 'pending', 'generated', 'failed']),
  einvoiceError: z.string().nullable(),
  /** The stored PDF (GET /api/documents/:id), once rendered. */
  documentId: int.nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
});

export const creditNoteList = z.object({ items: z.array(creditNote) });

const registerRow = z.object({
  number: z.string(),
  date: z.string(),
  type: z.enum(['INV', 'CRN']),
  against: z.string().nullable(),
  recipientGstin: z.string(),
  placeOfSupply: z.string(),
  hsn: z.string(),
  ratePercent: z.number(),
  taxablePaise: int,
  cgstPaise: int,
  sgstPaise: int,
  igstPaise: int,
  cessPaise: int,
  documentValuePaise: int,
  irn: z.string().nullable(),
  ackNo: z.string().nullable(),
});

const registerTotals = z.object({
  documents: int,
  taxablePaise: int,
  cgstPaise: int,
  sgstPaise: int,
  igstPaise: int,
  cessPaise: int,
});

export const gstRegister = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(registerRow),
  totals: z.object({ invoices: registerTotals, creditNotes: registerTotals }),
});
