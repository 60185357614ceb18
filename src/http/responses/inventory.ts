/** Answers of /api/inventory, a channel's pushed figures (/api/channels/:code/inventory) and reconciliation reports. */
import { z } from 'zod';
import { timestamp } from './common.ts';

const int = z.number().int();

/** A stock movement as recorded, with the level after it. */
export const level = z.object({ warehouse: z.string(), sku: z.string(), onHand: int, damaged: int });

export const levelRow = level.extend({
  /** Units of orders still to be shipped from this warehouse. */
  allocated: int,
  /** Units of open pendency of channels served by this warehouse. */
  reserved: int,
  skuName: z.string(),
  /** On hand − allocated − reserved; below zero when more is promised than is on the shelf. */
  available: int,
});

export const levelPage = z.object({ items: z.array(levelRow), next: z.string().nullable() });

export const movement = z.object({
  id: int,
  kind: z.string(),
  onHandDelta: int,
  damagedDelta: int,
  reason: z.string(),
  reference: z.string().nullable(),
  actor: z.string(),
  createdAt: timestamp,
});

export const levelDetail = levelRow.extend({ ledger: z.array(movement), nextBefore: int.nullable() });

export const pushStatuses = ['in_process', 'submitted', 'success', 'error', 'withheld', 'not_pushed'] as const;

/** A listing's last pushed figure and its outcome. */
export const pushState = z.object({
  listingId: int,
  channelSku: z.string(),
  sku: z.string(),
  quantity: int.nullable(),
  status: z.enum(pushStatuses),
  message: z.string().nullable(),
  pushedAt: timestamp.nullable(),
  breakdown: z.unknown(),
});

export const pushStatePage = z.object({ items: z.array(pushState), next: int.nullable() });

const breakdown = z.object({ onHand: int, allocated: int, reserved: int, buffer: int, pushed: int });

/** Why a listing's figure is what it is, line by line. */
export const explanation = z.object({
  listing: z.object({
    id: int,
    channelSku: z.string(),
    channelProductId: z.string(),
    sku: z.string(),
    skuName: z.string(),
    buffer: int,
  }),
  sourceWarehouses: z.array(z.string()),
  lines: z.array(
    z.object({
      kind: z.enum(['on_hand', 'allocated', 'reserved', 'buffer']),
      /** Signed: on hand adds, everything else takes away. */
      quantity: int,
      text: z.string(),
      reference: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  breakdown,
  /** Before the floor at zero: the sum of the lines. */
  sum: int,
  result: z.string(),
  lastPush: z
    .object({
      quantity: int,
      status: z.string(),
      message: z.string().nullable(),
      at: timestamp,
      runId: int.nullable(),
      breakdown: z.unknown(),
    })
    .nullable(),
});

export const fullPushRequested = z.object({
  runId: int,
  status: z.string(),
  fullPushSince: timestamp,
  url: z.string(),
});

export const reportSummary = z.object({
  id: int,
  channel: z.string(),
  runId: int.nullable(),
  compared: int,
  drifted: int,
  corrected: int,
  /** Mapped listings the marketplace no longer lists; null when the run could not tell. */
  missing: int.nullable(),
  createdAt: timestamp,
});

export const reportPage = z.object({ items: z.array(reportSummary), next: int.nullable() });

/** 'drift': both figures, corrected by a push; 'missing': the marketplace no longer lists the SKU. */
export const reportRowKinds = ['drift', 'missing'] as const;

export const drift = z.object({
  id: int,
  kind: z.enum(reportRowKinds),
  listingId: int,
  channelSku: z.string(),
  sku: z.string().nullable(),
  marketplaceQty: int.nullable(),
  weftQty: int,
  corrected: z.boolean(),
  message: z.string().nullable(),
});

export const reportDetail = reportSummary.extend({ drifts: z.array(drift), next: int.nullable() });

/** A CSV file, for a spreadsheet. */
export const csvFile = z.string().meta({ description: 'CSV, with a header row' });
