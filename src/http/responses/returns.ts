/** Answers of /api/returns. */
import { z } from 'zod';
import { timestamp } from './common.ts';
import { creditNote } from './credit-notes.ts';

/** The statuses the database allows a return (its check constraint). */
export const returnStatuses = ['confirmed', 'receiving', 'closed'] as const;

const int = z.number().int();

export const returnSummary = z.object({
  id: int,
  channel: z.string(),
  externalId: z.string(),
  poNumber: z.string().nullable(),
  orderId: int.nullable(),
  status: z.enum(returnStatuses),
  reason: z.string().nullable(),
  awb: z.string().nullable(),
  warehouse: z.string(),
  marketplaceCreatedAt: timestamp.nullable(),
  units: int,
  receivedUnits: int,
  unmappedLines: int,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const returnLine = z.object({
  id: int,
  externalLineId: z.string(),
  channelSku: z.string(),
  sku: z.string().nullable(),
  ean: z.string().nullable(),
  name: z.string().nullable(),
  quantity: int,
  receivedGood: int,
  receivedBad: int,
});

export const returnDetail = returnSummary.extend({ lines: z.array(returnLine) });
export const returnPage = z.object({ items: z.array(returnSummary), next: int.nullable() });

export const qcOutcome = z.object({
  return: returnDetail,
  unit: z.object({ sku: z.string(), result: z.enum(['good', 'bad']), lineId: int, left: int }),
  stock: z.object({ warehouse: z.string(), onHand: int, damaged: int }),
});

export const closeOutcome = z.object({
  return: returnDetail,
  received: z.object({ good: int, bad: int }),
  /** Units the marketplace said were returned but never arrived. */
  missing: z.array(z.object({ lineId: int, sku: z.string(), units: int })),
  /** The credit note for what came back, when the return's PO was invoiced and units were received. */
  creditNote: creditNote.nullable(),
  /** Why the credit note is not finished yet (kept and retried), when it is not. */
  creditNoteProblem: z.string().nullable(),
});
