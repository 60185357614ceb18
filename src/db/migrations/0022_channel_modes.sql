-- Channel modes (issue 14): a channel is `shadow` (every pull runs; every write to the marketplace is
-- recorded below instead of being sent; its orders cannot be picked or packed), `canary` (live for the
-- allowlisted SKUs and POs, shadow for the rest) or `live`. Channels that exist when this migration runs
-- are already trading, so they stay `live`; a channel created after it starts in `shadow` (core sets it).
alter table channels add column mode text not null default 'live';
alter table channels add column canary_skus jsonb not null default '[]';
alter table channels add column canary_pos jsonb not null default '[]';

-- What Weft would have sent to the marketplace, call for call and body for body, while a channel (or the
-- SKU or PO the write concerns) was not live.
create table would_send_log (
  id bigserial primary key,
  channel_id integer not null references channels(id),
  call text not null,
  method text not null,
  path text not null,
  body jsonb,
  subject_kind text,
  subject text,
  mode text not null,
  created_at timestamptz not null default now()
);
create index would_send_log_channel_time on would_send_log (channel_id, created_at);
