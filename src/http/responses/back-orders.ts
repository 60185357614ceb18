/** Answers of a channel's back orders (pendency): its lines, and its lines summed per SKU. */
import { z } from 'zod';
import { timestamp } from './common.ts';

const int = z.number().int();

export const backorder = z.object({
  id: int,
  orderId: z.string(),
  orderItemId: z.string(),
  channelSku: z.string(),
  sku: z.string().nullable(),
  quantity: int,
  orderedAt: timestamp.nullable(),
  status: z.enum(['open', 'exception', 'released', 'converted']),
  exception: z.string().nullable(),
  lastSeenAt: timestamp,
  updatedAt: timestamp,
});

export const backorderPage = z.object({ items: z.array(backorder), next: int.nullable() });

/** Per channel SKU: what is open (and reserved, when it maps to a Weft SKU) and what is in exception, and why. */
export const backorderSkuSummary = z.object({
  channelSku: z.string(),
  /** The Weft SKU the listing maps to; null while it maps to none. */
  sku: z.string().nullable(),
  openLines: int,
  openUnits: int,
  /** Units held back from the marketplace for open back orders (open units of a mapped listing). */
  reservedUnits: int,
  exceptionLines: int,
  exceptionUnits: int,
  /** Why the newest exception line could not be reserved. */
  exception: z.string().nullable(),
  oldestOrderedAt: timestamp.nullable(),
});

export const backorderSkuPage = z.object({ items: z.array(backorderSkuSummary), next: z.string().nullable() });
