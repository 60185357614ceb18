/** The cut-over report of a channel (src/core/cutover/): the "Ready to go live?" summary and its tables. */
import { z } from 'zod';
import { timestamp } from './common.ts';

const int = z.number().int();

export const readinessItem = z.object({
  /** Stable code of the item, e.g. "unmapped-skus", "contract-drift", "no-rehearsal". */
  code: z.string(),
  severity: z.enum(['blocking', 'warning']),
  count: int,
  title: z.string(),
  detail: z.string(),
  /** What to do about it, in plain words. */
  action: z.string(),
});

export const skuVerdict = z.enum([
  'same',
  'weft-lower',
  'weft-higher',
  'unmapped',
  'not-pulled',
  'inactive',
  'not-at-marketplace',
  'no-figure',
  'unknown',
]);

export const cutoverSku = z.object({
  channelSku: z.string(),
  sku: z.string().nullable(),
  /** What Weft would push now; null when nothing is pushed for the SKU. */
  weftQty: int.nullable(),
  /** The marketplace's current figure; null when unknown (never read as 0). */
  marketplaceQty: int.nullable(),
  difference: int.nullable(),
  verdict: skuVerdict,
  breakdown: z.object({ onHand: int, allocated: int, reserved: int, buffer: int }).nullable(),
  reasons: z.array(z.string()),
  why: z.string(),
});

export const poVerdict = z.enum([
  'same',
  'weft-ahead',
  'marketplace-ahead',
  'cancelled-at-marketplace',
  'cancelled-in-weft',
  'held',
  'not-at-marketplace',
]);

export const cutoverPo = z.object({
  poNumber: z.string(),
  externalId: z.string(),
  weftStatus: z.string(),
  marketplaceStatus: z.string().nullable(),
  source: z.enum(['fresh', 'last-pull']),
  verdict: poVerdict,
  blocking: z.boolean(),
  why: z.string(),
});

export const wouldSendEntry = z.object({
  id: int,
  at: timestamp,
  call: z.string(),
  method: z.string(),
  path: z.string(),
  subjectKind: z.string().nullable(),
  subject: z.string().nullable(),
  mode: z.string(),
  body: z.unknown(),
});

export const cutoverReport = z.object({
  channel: z.object({
    code: z.string(),
    name: z.string(),
    type: z.string(),
    marketplace: z.string(),
    mode: z.enum(['shadow', 'canary', 'live']),
  }),
  generatedAt: timestamp,
  hours: int,
  summary: z.object({
    ready: z.boolean(),
    blocking: z.array(readinessItem),
    warnings: z.array(readinessItem),
    openDrift: int,
    loginRefused: z.string().nullable(),
  }),
  coverage: z.object({
    total: int,
    mapped: int,
    unmapped: int,
    notPulled: int,
    inactive: int,
    percentMapped: int,
  }),
  stock: z.object({ read: z.boolean(), complete: z.boolean(), error: z.string().nullable() }),
  skus: z.array(cutoverSku),
  pos: z.object({ read: z.boolean(), error: z.string().nullable(), items: z.array(cutoverPo) }),
  wouldSend: z.object({
    total: int,
    counts: z.array(
      z.object({ call: z.string(), method: z.string(), path: z.string(), count: int, lastAt: timestamp }),
    ),
    /** Newest first, at most `entries` of them; `total` counts all. */
    entries: z.array(wouldSendEntry),
  }),
});
