/** Answers of a channel's wire journal. */
import { z } from 'zod';
import { timestamp } from './common.ts';

export const wireJournalStatus = z.object({
  /** Whether the channel captures its request/answer pairs with the marketplace now. */
  enabled: z.boolean(),
  /** Entries older than this many days are purged (hourly). */
  days: z.number().int(),
  entries: z.number().int(),
  oldestAt: timestamp.nullable(),
  newestAt: timestamp.nullable(),
});

/** One JSON object per line (application/x-ndjson), the format `weft replay` reads. */
export const wireJournalFile = z
  .string()
  .meta({ description: 'NDJSON: one redacted request/answer pair per line, oldest first' });
