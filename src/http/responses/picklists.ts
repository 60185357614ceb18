/** Answers of /api/picklists. */
import { z } from 'zod';
import { timestamp } from './common.ts';

export const picklistStatuses = ['pending', 'picking', 'picked', 'closed'] as const;

const int = z.number().int();
const status = z.enum(picklistStatuses);

export const picklistSummary = z.object({
  code: z.string(),
  warehouse: z.string(),
  channel: z.string().nullable(),
  status,
  orders: int,
  createdAt: timestamp,
  prefetchedAt: timestamp.nullable(),
  /** Whether "Prefetch deliveries" applies: a channel of its orders has prepack on. */
  prepack: z.boolean(),
});

export const picklistPage = z.object({ items: z.array(picklistSummary), next: z.string().nullable() });

/** A line as the picklist PDF prints it, with the POs that need the SKU. */
export const picklistLine = z.object({
  skuCode: z.string(),
  ean: z.string().nullable().optional(),
  description: z.string(),
  style: z.string().optional(),
  colour: z.string().optional(),
  size: z.string().optional(),
  location: z.string().nullable().optional(),
  quantity: int,
  /** How many POs need this SKU. */
  poCount: int,
  poNumbers: z.array(z.string()),
});

export const picklistDetail = z.object({
  code: z.string(),
  warehouse: z.string(),
  channel: z.string().nullable(),
  status,
  prefetchedAt: timestamp.nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
  prepack: z.boolean(),
  orders: z.array(z.object({ id: int, poNumber: z.string(), status: z.string() })),
  lines: z.array(picklistLine),
});

/** What became of one PO of a prefetch: its invoice, AWB and box, or why it was skipped or failed. */
export const prefetchOutcome = z.object({
  poNumber: z.string(),
  invoiceNumber: z.string().optional(),
  masterAwb: z.string().optional(),
  boxCode: z.string().optional(),
  skipped: z.string().optional(),
  error: z.string().optional(),
});

export const prefetchResult = z.object({ code: z.string(), orders: z.array(prefetchOutcome) });

/** The picklist PDF itself. */
export const picklistPdf = z.any().meta({ description: 'The picklist as a PDF', type: 'string', format: 'binary' });
