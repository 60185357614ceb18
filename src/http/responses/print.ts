/** Answers of the print routes: one PDF per PO, picklist or manifest, and the network printer. */
import { z } from 'zod';
import { timestamp } from './common.ts';

/** The merged PDF, for the docs only: the handler sends the bytes as they are. */
export const printBundleFile = z
  .any()
  .meta({ description: 'The documents merged into one PDF, in print order', type: 'string', format: 'binary' });

export const printer = z.object({
  host: z.string(),
  port: z.number().int(),
  format: z.enum(['pdf']),
  updatedAt: timestamp,
  updatedBy: z.string(),
});

export const printerSetting = z.object({ printer: printer.nullable() });

/** What "Send to printer" did: where the job went and how many bytes the printer took. */
export const printedJob = z.object({
  printer: z.string(),
  bytes: z.number().int(),
  pages: z.number().int(),
  documentIds: z.array(z.number().int()),
});
