/** Answers of /api/manifests. */
import { z } from 'zod';
import { timestamp } from './common.ts';
import { storedDocument } from './documents.ts';

export const manifestStatuses = ['draft', 'dispatched', 'partial', 'failed'] as const;

const int = z.number().int();

export const manifestSummary = z.object({
  code: z.string(),
  channel: z.string(),
  warehouse: z.string(),
  status: z.enum(manifestStatuses),
  marketplaceManifestId: z.string().nullable(),
  orders: int,
  pending: int,
  dispatched: int,
  refused: int,
  createdBy: z.string(),
  createdAt: timestamp,
  dispatchedAt: timestamp.nullable(),
});

export const manifestPage = z.object({ items: z.array(manifestSummary), next: z.string().nullable() });

export const manifestOrder = z.object({
  orderId: int,
  poNumber: z.string(),
  status: z.enum(['pending', 'dispatched', 'refused']),
  message: z.string().nullable(),
  orderStatus: z.string(),
  invoiceNumber: z.string().nullable(),
  masterAwb: z.string().nullable(),
  boxes: int,
  weightGrams: int,
});

export const manifestDetail = manifestSummary.extend({
  items: z.array(manifestOrder),
  attempts: z.array(
    z.object({
      attempt: int,
      marketplaceManifestId: z.string().nullable(),
      dispatched: int,
      refused: int,
      actor: z.string(),
      createdAt: timestamp,
    }),
  ),
  documents: z.array(storedDocument),
});

export const createdManifests = z.object({ items: z.array(manifestDetail) });

export const dispatchOutcome = manifestDetail.extend({
  attempt: int,
  dispatchedNow: int,
  refusedNow: z.array(z.object({ poNumber: z.string(), message: z.string() })),
});

export const readyShipment = z.object({
  orderId: int,
  poNumber: z.string(),
  channel: z.string(),
  warehouse: z.string(),
  orderStatus: z.string(),
  poDate: timestamp.nullable(),
  invoiceNumber: z.string(),
  masterAwb: z.string(),
  boxes: int,
  weightGrams: int,
  /** The marketplace's message when it refused this PO on an earlier manifest. */
  refusedBefore: z.string().nullable(),
});

export const readyPage = z.object({ items: z.array(readyShipment), next: z.string().nullable(), total: int });
