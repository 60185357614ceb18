-- Foundation: master data, inventory ledger, channels, sync bookkeeping, outbox, audit, users.

create table weft_meta (
  key text primary key,
  value text not null
);

create table warehouses (
  id serial primary key,
  code text not null unique,
  name text not null,
  gstin text,
  address text not null default '',
  city text not null default '',
  state_code text not null,
  pincode text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table skus (
  id serial primary key,
  code text not null unique,
  ean text,
  name text not null,
  brand text not null default '',
  style text not null default '',
  size text not null default '',
  colour text not null default '',
  hsn text not null default '',
  mrp_paise bigint not null check (mrp_paise >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index skus_ean_key on skus (ean) where ean is not null;

-- Every stock movement, signed per bucket. Levels below are derived from it in the same transaction.
create table inventory_movements (
  id bigserial primary key,
  warehouse_id integer not null references warehouses (id),
  sku_id integer not null references skus (id),
  kind text not null,
  on_hand_delta integer not null default 0,
  damaged_delta integer not null default 0,
  reason text not null,
  reference text,
  actor text not null,
  created_at timestamptz not null default now(),
  check (on_hand_delta <> 0 or damaged_delta <> 0)
);
create index inventory_movements_wh_sku on inventory_movements (warehouse_id, sku_id, id);

create table inventory_levels (
  warehouse_id integer not null references warehouses (id),
  sku_id integer not null references skus (id),
  on_hand integer not null default 0 check (on_hand >= 0),
  damaged integer not null default 0 check (damaged >= 0),
  updated_at timestamptz not null default now(),
  primary key (warehouse_id, sku_id)
);
create index inventory_levels_sku on inventory_levels (sku_id);

create table channels (
  id serial primary key,
  code text not null unique,
  type text not null,
  name text not null,
  warehouse_id integer not null references warehouses (id),
  settings jsonb not null default '{}'::jsonb,
  credentials text,
  status text not null default 'active' check (status in ('active', 'paused', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Where each pull stream of a channel has read up to; only ever moves forward.
create table sync_cursors (
  channel_id integer not null references channels (id),
  stream text not null,
  position jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (channel_id, stream)
);

create table sync_runs (
  id bigserial primary key,
  channel_id integer not null references channels (id),
  stream text not null,
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled')),
  trigger text not null default 'schedule',
  job_id text,
  total integer,
  done integer not null default 0,
  created integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  failed integer not null default 0,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index sync_runs_channel_stream on sync_runs (channel_id, stream, id desc);

-- Per-record outcome of a run. Failed records keep their payload so they can be retried.
create table sync_run_records (
  id bigserial primary key,
  run_id bigint not null references sync_runs (id) on delete cascade,
  record_key text not null,
  outcome text not null check (outcome in ('created', 'updated', 'unchanged', 'failed')),
  message text,
  payload jsonb,
  retried_at timestamptz,
  created_at timestamptz not null default now()
);
create index sync_run_records_run on sync_run_records (run_id, outcome);

-- Outbound marketplace calls. The idempotency key makes a repeated request the same row, so a crash
-- between "sent" and "recorded" is settled by reading back, never by sending twice.
create table outbox (
  id bigserial primary key,
  channel_id integer references channels (id),
  kind text not null,
  idempotency_key text not null unique,
  payload jsonb not null,
  status text not null default 'pending'
    check (status in ('pending', 'in_flight', 'succeeded', 'failed', 'indeterminate')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  response jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index outbox_due on outbox (status, next_attempt_at);

create table audit_log (
  id bigserial primary key,
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
create index audit_log_entity on audit_log (entity, entity_id, id desc);

create table users (
  id serial primary key,
  username text not null unique,
  password_hash text not null,
  role text not null check (role in ('admin', 'operator', 'viewer')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table api_tokens (
  id serial primary key,
  user_id integer not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
