-- Alerts (issue 15): rules the scheduler evaluates, each alert (rule + subject) notified once when it
-- starts, again at most every repeat interval while it lasts, and once more when it clears — to the
-- webhook and e-mail destinations an admin configures. Kept here, not in memory, so a restart or a
-- second scheduler neither forgets an alert nor sends it twice.

-- Where alerts go. `config` holds what may be shown (format; host, port, secure, user, from, to);
-- `secret` holds, sealed with the master key, what may not (the webhook URL, the SMTP password).
create table alert_destinations (
  id serial primary key,
  name text not null unique,
  kind text not null check (kind in ('webhook', 'email')),
  config jsonb not null default '{}',
  secret text,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per occurrence of an alert, from when it started to when it cleared. At most one open
-- (unresolved) row per rule and subject: the unique index is what makes two schedulers ticking at once
-- open it once.
create table alerts (
  id bigserial primary key,
  rule text not null,
  subject text not null,
  summary text not null,
  started_at timestamptz not null default now(),
  last_notified_at timestamptz not null default now(),
  resolved_at timestamptz
);
create unique index alerts_open on alerts (rule, subject) where resolved_at is null;
create index alerts_started on alerts (started_at desc);

-- Each notification of an alert: when it fired, each repeat, and when it resolved.
create table alert_notifications (
  id bigserial primary key,
  alert_id bigint not null references alerts (id) on delete cascade,
  kind text not null check (kind in ('fired', 'repeated', 'resolved')),
  summary text not null,
  created_at timestamptz not null default now()
);
create index alert_notifications_time on alert_notifications (created_at desc, id desc);

-- One notification to one destination: sent, or retried with backoff until it is (never dropped).
create table alert_deliveries (
  id bigserial primary key,
  notification_id bigint not null references alert_notifications (id) on delete cascade,
  destination_id integer references alert_destinations (id) on delete set null,
  destination_name text not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'delivered', 'failed', 'dropped')),
  attempts integer not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  claimed_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
create index alert_deliveries_due on alert_deliveries (next_attempt_at) where status in ('pending', 'sending', 'failed');
create index alert_deliveries_notification on alert_deliveries (notification_id);
