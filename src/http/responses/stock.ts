/** Answers of /api/stock: a batch of absolute counts (CSV import or snapshot feed), previewed or applied. */
import { z } from 'zod';

const int = z.number().int();

export const stockLineError = z.object({
  line: int,
  warehouse: z.string(),
  sku: z.string(),
  /** Every problem found on the line. */
  errors: z.array(z.object({ field: z.enum(['line', 'warehouse', 'sku', 'quantity', 'reason']), message: z.string() })),
});

export const stockCountChange = z.object({
  line: int,
  warehouse: z.string(),
  sku: z.string(),
  before: int,
  counted: int,
  delta: int,
});

export const stockBatchResult = z.object({
  source: z.enum(['csv', 'snapshot']),
  reference: z.string(),
  /** preview: nothing written; applied: now; replayed: applied before, nothing changed now. */
  status: z.enum(['preview', 'applied', 'replayed']),
  appliedAt: z.string().nullable(),
  lines: int,
  valid: int,
  failed: int,
  changed: int,
  unchanged: int,
  unitsAdded: int,
  unitsRemoved: int,
  /** The first 1,000 bad lines; `failed` counts them all. */
  errors: z.array(stockLineError),
  /** The first 500 lines that change a level. */
  changes: z.array(stockCountChange),
  message: z.string(),
});

export type StockBatchAnswer = z.infer<typeof stockBatchResult>;
