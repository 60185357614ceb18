/** Answers of /api/channels and /api/channel-types. Settings and credentials are the channel type's own shape. */
import { z } from 'zod';
import { timestamp } from './common.ts';
import { runStatuses } from './sync-runs.ts';

const int = z.number().int();

export const channelView = z.object({
  code: z.string(),
  type: z.string(),
  name: z.string(),
  warehouse: z.string(),
  /** The statuses the database allows a channel (its check constraint). */
  status: z.enum(['active', 'paused', 'disabled']),
  /** shadow: writes recorded, not sent; canary: live only for the allowlisted SKUs and POs; live. */
  mode: z.enum(['shadow', 'canary', 'live']),
  /** Marketplace SKU codes live in canary mode. */
  canarySkus: z.array(z.string()),
  /** PO numbers live in canary mode. */
  canaryPos: z.array(z.string()),
  /** The channel type's settings (for AJIO JIT: src/channels/ajio-jit/settings.ts). */
  settings: z.record(z.string(), z.unknown()),
  /** The credentials as they may be shown: never a password. */
  interface: z.record(z.string(), z.unknown()),
  /** When the marketplace session last obtained for the channel expires (null: never logged in). */
  sessionValidUntil: timestamp.nullable(),
  /**
   * The marketplace's last refusal of the channel's login (a changed password, a locked login) and
   * why: every stream of the channel is in trouble until a later login succeeds. Null: none.
   */
  loginRefused: z.object({ at: timestamp, reason: z.string() }).nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** Per stream, its last run. */
export const streamRun = z.object({
  stream: z.string(),
  lastRunId: int,
  status: z.enum(runStatuses),
  at: timestamp,
  error: z.string().nullable(),
  failed: int,
});

/** Pushes the channel still owes the marketplace (invoices, cancellations, dispatches) waiting in the outbox. */
export const pushHealth = z.object({
  waiting: int,
  retrying: int,
  oldestWaitingSince: timestamp.nullable(),
  lastError: z.string().nullable(),
});

/**
 * Open contract drift events of the channel (answers the marketplace sent in another shape: their
 * records are held) and when one was last seen. Red in the console while one was seen in the last day.
 */
export const driftHealth = z.object({ open: int, lastSeenAt: timestamp.nullable() });

export const channelListItem = channelView.extend({
  pushes: pushHealth,
  contractDrift: driftHealth,
  streams: z.array(streamRun),
});
export const channelList = z.object({ items: z.array(channelListItem) });

export const channelTypeList = z.object({
  items: z.array(
    z.object({
      type: z.string(),
      displayName: z.string(),
      capabilities: z.object({
        partialCancel: z.boolean(),
        cancelAfterInvoice: z.boolean(),
        pageSize: int,
        inventoryBatchSize: int,
        manifestCap: int,
        tokenLifetimeSeconds: int,
        catalogPush: z.boolean(),
        taxRounding: z.string().optional(),
      }),
    }),
  ),
});

export const connectionTested = z.object({ ok: z.literal(true), tokenValidUntil: timestamp });

/** "Test e-invoicing": signed in to the IRP; `message` says so in plain words. */
export const einvoicingTested = z.object({
  ok: z.literal(true),
  gstin: z.string(),
  userName: z.string(),
  tokenValidUntil: timestamp,
  message: z.string(),
});

/** A channel's mode after a change. */
export const channelModeView = z.object({
  mode: z.enum(['shadow', 'canary', 'live']),
  canarySkus: z.array(z.string()),
  canaryPos: z.array(z.string()),
});

/** What the channel would have sent the marketplace while not live (newest first). */
export const wouldSendList = z.object({
  hours: int,
  items: z.array(
    z.object({
      id: int,
      call: z.string(),
      method: z.string(),
      path: z.string(),
      /** Exactly the body the request would have carried. */
      body: z.unknown(),
      subjectKind: z.enum(['sku', 'po']).nullable(),
      subject: z.string().nullable(),
      mode: z.string(),
      at: timestamp,
    }),
  ),
});
