import { bigint, bigserial, boolean, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Tables of migration 0025: alert destinations, alerts, their notifications and deliveries. */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type AlertDestinationKind = 'webhook' | 'email';
export type AlertNotificationKind = 'fired' | 'repeated' | 'resolved';
export type AlertDeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'dropped';

export const alertDestinations = pgTable('alert_destinations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind').$type<AlertDestinationKind>().notNull(),
  /** What may be shown: the webhook's format; the SMTP host, port, secure, user, from and to. */
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  /** Sealed with the master key: the webhook URL, the SMTP password. */
  secret: text('secret'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

/** One occurrence of an alert (rule + subject), open until it clears. */
export const alerts = pgTable('alerts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  rule: text('rule').notNull(),
  subject: text('subject').notNull(),
  summary: text('summary').notNull(),
  startedAt: stamp('started_at').notNull().defaultNow(),
  lastNotifiedAt: stamp('last_notified_at').notNull().defaultNow(),
  resolvedAt: stamp('resolved_at'),
});

export const alertNotifications = pgTable('alert_notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  alertId: bigint('alert_id', { mode: 'number' })
    .notNull()
    .references(() => alerts.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<AlertNotificationKind>().notNull(),
  summary: text('summary').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

export const alertDeliveries = pgTable('alert_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  notificationId: bigint('notification_id', { mode: 'number' })
    .notNull()
    .references(() => alertNotifications.id, { onDelete: 'cascade' }),
  destinationId: integer('destination_id').references(() => alertDestinations.id, { onDelete: 'set null' }),
  destinationName: text('destination_name').notNull(),
  status: text('status').$type<AlertDeliveryStatus>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: stamp('next_attempt_at').notNull().defaultNow(),
  claimedAt: stamp('claimed_at'),
  deliveredAt: stamp('delivered_at'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});
