/** Answers of /api/alerts: settings, destinations, test sends, open alerts and the history. */
import { z } from 'zod';
import { timestamp } from './common.ts';

export const alertSettings = z.object({
  repeatMinutes: z.number().int(),
  streamStaleFactor: z.number().int(),
  streamStaleMinMinutes: z.number().int(),
  outboxMaxAgeMinutes: z.number().int(),
  reconciliationDriftShare: z.number(),
  deadJobWindowHours: z.number().int(),
  minLiveWorkers: z.number().int(),
});

export const alertDestination = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['webhook', 'email']),
  enabled: z.boolean(),
  /** The URL's scheme and host only: its path may carry a token. */
  webhook: z.object({ format: z.enum(['json', 'slack']), urlHint: z.string() }).nullable(),
  email: z
    .object({
      host: z.string(),
      port: z.number().int(),
      secure: z.boolean(),
      user: z.string().nullable(),
      passwordSet: z.boolean(),
      from: z.string(),
      to: z.array(z.string()),
    })
    .nullable(),
  updatedAt: timestamp,
});

export const alertDestinationList = z.object({ items: z.array(alertDestination) });

export const testSend = z.object({
  delivered: z.boolean(),
  /** "Delivered. …" or "Refused. …" with the reason in plain words. */
  message: z.string(),
});

export const alertDelivery = z.object({
  id: z.number().int(),
  destination: z.string(),
  status: z.enum(['pending', 'sending', 'delivered', 'failed', 'dropped']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: timestamp.nullable(),
  /** When a pending or failed delivery is tried (again). */
  nextAttemptAt: timestamp.nullable(),
});

export const alertHistoryEntry = z.object({
  id: z.number().int(),
  alertId: z.number().int(),
  kind: z.enum(['fired', 'repeated', 'resolved']),
  rule: z.string(),
  title: z.string(),
  subject: z.string(),
  summary: z.string(),
  at: timestamp,
  startedAt: timestamp,
  resolvedAt: timestamp.nullable(),
  deliveries: z.array(alertDelivery),
});

export const openAlert = z.object({
  id: z.number().int(),
  rule: z.string(),
  title: z.string(),
  subject: z.string(),
  summary: z.string(),
  startedAt: timestamp,
  lastNotifiedAt: timestamp,
});

export const alertHistory = z.object({
  open: z.array(openAlert),
  items: z.array(alertHistoryEntry),
  /** Pass as `before` for the next (older) page; null when this was the last. */
  next: z.number().int().nullable(),
});
