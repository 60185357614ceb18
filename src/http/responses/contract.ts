/** Answers of the contract guard: a channel's drift events and the fields its marketplace added. */
import { z } from 'zod';
import { timestamp } from './common.ts';

export const driftEvent = z.object({
  id: z.number().int(),
  /** The marketplace call, e.g. "GET /orders". */
  call: z.string(),
  /** Field path with [*] for list elements, e.g. "orders[*].po_number". */
  field: z.string(),
  expected: z.string(),
  /** "missing", or the type and a short value (secrets redacted). */
  got: z.string(),
  /** The object the field belongs to, redacted and shortened. */
  sample: z.string(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  /** Answers that showed it. */
  count: z.number().int(),
  resolvedAt: timestamp.nullable(),
  resolvedBy: z.string().nullable(),
});

export const observation = z.object({
  call: z.string(),
  field: z.string(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  count: z.number().int(),
});

export const contractDrift = z.object({
  /** Open events: fields the parser needs that the marketplace left out or changed. */
  open: z.number().int(),
  items: z.array(driftEvent),
  /** Fields the marketplace sent that the contract does not know (harmless). */
  unknownFields: z.array(observation),
});
