-- Contract guard (issue 14): every marketplace answer is checked against the contract Weft's parsers
-- rely on. Fields the contract does not know are noted (one row per channel, call and field path);
-- a field the parser needs that is missing or of another type is a drift event, one open event per
-- channel, call and field, counted on every answer that shows it until a person resolves it.
create table contract_observations (
  id bigserial primary key,
  channel_id integer not null references channels(id),
  call text not null,
  field_path text not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  seen_count integer not null default 1
);
create unique index contract_observations_key on contract_observations (channel_id, call, field_path);

create table contract_drift_events (
  id bigserial primary key,
  channel_id integer not null references channels(id),
  call text not null,
  field_path text not null,
  expected text not null,
  got text not null,
  sample text not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  seen_count integer not null default 1,
  resolved_at timestamptz,
  resolved_by text
);
create unique index contract_drift_events_open on contract_drift_events (channel_id, call, field_path)
  where resolved_at is null;
