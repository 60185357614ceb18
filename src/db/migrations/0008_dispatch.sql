-- Dispatch attempts of a manifest, one row per attempt once AJIO's answer is recorded. The next
-- attempt's outbox key is the manifest code and the count of these rows + 1, so a crash between the
-- marketplace's answer and recording it re-applies the stored answer instead of dispatching again.
create table manifest_dispatches (
  manifest_id bigint not null references manifests (id) on delete cascade,
  attempt integer not null check (attempt > 0),
  marketplace_manifest_id text,
  dispatched integer not null,
  refused integer not null,
  actor text not null,
  created_at timestamptz not null default now(),
  primary key (manifest_id, attempt)
);

-- An order is pending or dispatched on at most one manifest; a refused one may go on another.
create unique index manifest_orders_one_live on manifest_orders (order_id) where status in ('pending', 'dispatched');
