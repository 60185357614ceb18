import {
  bigint,
  bigserial,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * The tables the others refer to (warehouses, SKUs, channels, sync runs, users, …) and those that stand
 * alone. Import tables from ./schema.ts; the schema-* files import from here so that none of them
 * imports the barrel that re-exports it (no import cycle).
 */
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const weftMeta = pgTable('weft_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const warehouses = pgTable('warehouses', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  gstin: text('gstin'),
  address: text('address').notNull().default(''),
  city: text('city').notNull().default(''),
  stateCode: text('state_code').notNull(),
  pincode: text('pincode').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const skus = pgTable('skus', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  ean: text('ean'),
  name: text('name').notNull(),
  brand: text('brand').notNull().default(''),
  style: text('style').notNull().default(''),
  size: text('size').notNull().default(''),
  colour: text('colour').notNull().default(''),
  hsn: text('hsn').notNull().default(''),
  mrpPaise: bigint('mrp_paise', { mode: 'number' }).notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const inventoryMovements = pgTable('inventory_movements', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  warehouseId: integer('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  skuId: integer('sku_id')
    .notNull()
    .references(() => skus.id),
  kind: text('kind').notNull(),
  onHandDelta: integer('on_hand_delta').notNull().default(0),
  damagedDelta: integer('damaged_delta').notNull().default(0),
  reason: text('reason').notNull(),
  reference: text('reference'),
  actor: text('actor').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

export const inventoryLevels = pgTable(
  'inventory_levels',
  {
    warehouseId: integer('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id),
    onHand: integer('on_hand').notNull().default(0),
    damaged: integer('damaged').notNull().default(0),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.skuId] })],
);

export type ChannelMode = 'shadow' | 'canary' | 'live';

export const channels = pgTable('channels', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  type: text('type').notNull(),
  name: text('name').notNull(),
  warehouseId: integer('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  credentials: text('credentials'),
  status: text('status').$type<'active' | 'paused' | 'disabled'>().notNull().default('active'),
  /** When the marketplace session last obtained for this channel expires (any process). */
  sessionValidUntil: stamp('session_valid_until'),
  /** The marketplace account the credentials log in to, as the channel module names it (one channel per account). */
  accountKey: text('account_key'),
  /** The marketplace's last refusal of the channel's login and why, until a later login succeeds. */
  loginRefusedAt: stamp('login_refused_at'),
  loginRefusedReason: text('login_refused_reason'),
  /** shadow: record writes instead of sending; canary: live only for the allowlists below; live. */
  mode: text('mode').$type<ChannelMode>().notNull().default('live'),
  /** SKU codes live in canary mode (inventory). */
  canarySkus: jsonb('canary_skus').$type<string[]>().notNull().default([]),
  /** PO numbers live in canary mode (fulfilment documents, shipment, dispatch, cancel). */
  canaryPos: jsonb('canary_pos').$type<string[]>().notNull().default([]),
  /** Migration 0023: capture request/answer pairs with the marketplace (secrets redacted), kept this many days. */
  wireJournalEnabled: boolean('wire_journal_enabled').notNull().default(false),
  wireJournalDays: integer('wire_journal_days').notNull().default(7),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const syncCursors = pgTable(
  'sync_cursors',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    stream: text('stream').notNull(),
    position: jsonb('position').$type<Record<string, unknown>>().notNull(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.stream] })],
);

/** `abandoned`: the process running it stopped answering; its job was put back and a new run takes over. */
export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'abandoned';

export const syncRuns = pgTable('sync_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  stream: text('stream').notNull(),
  status: text('status').$type<SyncRunStatus>().notNull().default('queued'),
  trigger: text('trigger').notNull().default('schedule'),
  jobId: text('job_id'),
  /** The worker process (weft_workers.id) running it, while it runs. */
  workerId: text('worker_id'),
  total: integer('total'),
  done: integer('done').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  error: text('error'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  startedAt: stamp('started_at'),
  finishedAt: stamp('finished_at'),
});

/** One row per process that works jobs, kept fresh by its heartbeat. */
export const weftWorkers = pgTable('weft_workers', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: stamp('started_at').notNull().defaultNow(),
  lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
});

/** The pg-boss jobs a process holds right now. */
export const weftJobHolds = pgTable('weft_job_holds', {
  jobId: text('job_id').primaryKey(),
  queue: text('queue').notNull(),
  workerId: text('worker_id').notNull(),
  startedAt: stamp('started_at').notNull().defaultNow(),
});

export type RecordOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export const syncRunRecords = pgTable('sync_run_records', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  runId: bigint('run_id', { mode: 'number' })
    .notNull()
    .references(() => syncRuns.id, { onDelete: 'cascade' }),
  recordKey: text('record_key').notNull(),
  outcome: text('outcome').$type<RecordOutcome>().notNull(),
  message: text('message'),
  payload: jsonb('payload'),
  retriedAt: stamp('retried_at'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

/**
 * 'withheld': the channel's mode kept the call back (recorded in would_send_log, never sent). Nothing
 * waits on it: it is not retried, and the same call made again once the channel (or its PO) is live
 * claims it and sends it.
 */
export type OutboxStatus = 'pending' | 'in_flight' | 'succeeded' | 'failed' | 'indeterminate' | 'withheld';

export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: integer('channel_id').references(() => channels.id),
  kind: text('kind').notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<OutboxStatus>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  response: jsonb('response').$type<Record<string, unknown>>(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  at: stamp('at').notNull().defaultNow(),
});

export type Role = 'admin' | 'operator' | 'viewer';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').$type<Role>().notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  lastUsedAt: stamp('last_used_at'),
  expiresAt: stamp('expires_at'),
  revokedAt: stamp('revoked_at'),
});

/** Failed sign-ins per username or client address (core/users/login-throttle.ts). */
export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: stamp('window_started_at').notNull(),
  lockedUntil: stamp('locked_until'),
});
