import { bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { channels } from './schema-base.ts';

/** Tables of migrations 0021 (the contract guard) and 0022 (the would-send log of channel modes). */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Fields a marketplace answer carried that the contract does not know. */
export const contractObservations = pgTable('contract_observations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  call: text('call').notNull(),
  fieldPath: text('field_path').notNull(),
  firstSeenAt: stamp('first_seen_at').notNull().defaultNow(),
  lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
  seenCount: integer('seen_count').notNull().default(1),
});

/** A field the parser needs that an answer left out or sent as another type. */
export const contractDriftEvents = pgTable('contract_drift_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  call: text('call').notNull(),
  fieldPath: text('field_path').notNull(),
  expected: text('expected').notNull(),
  got: text('got').notNull(),
  sample: text('sample').notNull(),
  firstSeenAt: stamp('first_seen_at').notNull().defaultNow(),
  lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
  seenCount: integer('seen_count').notNull().default(1),
  resolvedAt: stamp('resolved_at'),
  resolvedBy: text('resolved_by'),
});

/** A write to the marketplace recorded instead of sent, because the channel (or its SKU or PO) was not live. */
export const wouldSendLog = pgTable('would_send_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  call: text('call').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  body: jsonb('body'),
  /** 'sku' or 'po': what the write concerns, for canary allowlists and the cut-over report. */
  subjectKind: text('subject_kind'),
  subject: text('subject'),
  /** The channel's mode when the write was withheld. */
  mode: text('mode').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

/** Migration 0023: one request/answer pair with the marketplace, secrets redacted, for a channel that captures them. */
export const wireJournal = pgTable('wire_journal', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  at: stamp('at').notNull().defaultNow(),
  /** "METHOD /path", the call's name in the contract. */
  call: text('call').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  query: jsonb('query').$type<Record<string, string>>(),
  requestHeaders: jsonb('request_headers').$type<Record<string, string>>(),
  requestBody: jsonb('request_body'),
  /** Null when no answer came (a timeout, a network error). */
  status: integer('status'),
  answerBody: jsonb('answer_body'),
  durationMs: integer('duration_ms').notNull(),
  /** Why there is no usable answer (transport error, body not JSON), in words. */
  error: text('error'),
});
