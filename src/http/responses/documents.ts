/** Answers of /api/documents. */
import { z } from 'zod';
import { timestamp } from './common.ts';

/** A stored document as listed (never its bytes; GET /api/documents/:id has those). */
export const storedDocument = z.object({
  id: z.number().int(),
  kind: z.string(),
  /** Who made it: Weft, or the marketplace. */
  source: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  orderId: z.number().int().nullable(),
  reference: z.string(),
  createdAt: timestamp,
  createdBy: z.string(),
  voidedAt: timestamp.nullable(),
  voidReason: z.string().nullable(),
});

/** As GET /api/documents lists it, with where to fetch it. */
export const documentInfo = storedDocument.extend({ url: z.string() });

export const documentList = z.object({ items: z.array(documentInfo) });

/** The document's own bytes (a PDF, mostly), for the docs only: the handler sends them as they are. */
export const documentFile = z
  .any()
  .meta({ description: 'The document itself, in its content type', type: 'string', format: 'binary' });
