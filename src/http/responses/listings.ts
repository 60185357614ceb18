/** Answers of a channel's listings (its mappings to Weft SKUs) and back orders. */
import { z } from 'zod';
import { timestamp } from './common.ts';

const int = z.number().int();

export const listing = z.object({
  channelSku: z.string(),
  channelProductId: z.string(),
  sellerSku: z.string().nullable(),
  ean: z.string().nullable(),
  title: z.string(),
  brand: z.string(),
  size: z.string(),
  colour: z.string(),
  hsn: z.string(),
  mrpPaise: int.nullable(),
  listingPricePaise: int.nullable(),
  live: z.boolean(),
  active: z.boolean(),
  /** The linked Weft SKU's code; null while unmapped. */
  sku: z.string().nullable(),
  /** How it was linked: `auto:seller-sku`, `auto:ean`, `manual:<user>`, or `unlinked:<user>`. */
  mappedBy: z.string().nullable(),
  mappedAt: timestamp.nullable(),
  /** Units held back from the figure pushed. */
  buffer: int,
  marketplaceInventory: int.nullable(),
  lastSeenAt: timestamp,
  updatedAt: timestamp,
});

export const listingPage = z.object({ items: z.array(listing), next: z.string().nullable() });

export const linkLineResult = z.object({
  line: int,
  channelSku: z.string(),
  skuCode: z.string(),
  status: z.enum(['linked', 'unchanged', 'error']),
  message: z.string().optional(),
});

export const linkCsvResult = z.object({
  rows: int,
  linked: int,
  unchanged: int,
  failed: int,
  results: z.array(linkLineResult),
});

export const bufferLineResult = z.object({
  line: int,
  channel: z.string(),
  sku: z.string(),
  buffer: int.nullable(),
  status: z.enum(['set', 'unchanged', 'error']),
  /** Listings the line set: a Weft SKU code sets every listing of the channel linked to it. */
  listings: int,
  message: z.string().optional(),
});

export const bufferCsvResult = z.object({
  rows: int,
  set: int,
  unchanged: int,
  failed: int,
  results: z.array(bufferLineResult),
});
