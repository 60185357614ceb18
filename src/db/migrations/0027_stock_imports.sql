-- Stock counts in bulk (a CSV of absolute counts) and by feed (an ERP's or WMS's snapshot). One row per
-- batch, written in the same transaction as the batch's movements: a batch is applied whole or not at
-- all, so its reference being here means its movements are in the ledger, and a replay changes nothing.
create table stock_imports (
  id bigserial primary key,
  -- 'csv' (a file, by its reference or content hash) or 'snapshot' (a feed's snapshot id).
  source text not null check (source in ('csv', 'snapshot')),
  reference text not null,
  -- sha256 of what was sent: the same reference with other content is refused, not replayed.
  content_hash text not null,
  actor text not null,
  lines integer not null,
  changed integer not null,
  unchanged integer not null,
  failed integer not null,
  -- The answer given when the batch was applied, answered again to a replay.
  result jsonb not null,
  created_at timestamptz not null default now(),
  unique (source, reference)
);

-- A cycle count rewrites thousands of levels in one statement (and every movement rewrites one). With
-- room left on each page the new row version stays on its page (a HOT update): no entry in the primary
-- key or the SKU index for each rewrite, and the old version pruned in place (as 0013 did for listings).
alter table inventory_levels set (fillfactor = 80);
