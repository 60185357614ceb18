-- Wire journal (issue 14): per channel, opt-in capture of every request/answer pair with the
-- marketplace, secrets redacted before they are written, kept for a number of days (a scheduled purge
-- deletes older rows). Off by default: a channel captures nothing until an admin turns it on.
alter table channels add column wire_journal_enabled boolean not null default false;
alter table channels add column wire_journal_days integer not null default 7;

create table wire_journal (
  id bigserial primary key,
  channel_id integer not null references channels(id),
  at timestamptz not null default now(),
  call text not null,
  method text not null,
  path text not null,
  query jsonb,
  request_headers jsonb,
  request_body jsonb,
  status integer,
  answer_body jsonb,
  duration_ms integer not null,
  error text
);
create index wire_journal_channel_time on wire_journal (channel_id, at);

-- The marketplace's own invoice PDF (issue 16): where the marketplace said it is, and whether Weft has
-- stored it yet. 'none': the marketplace gave no address; 'pending': not fetched yet; 'failed': the
-- last fetch failed (error says why; a retry picks it up); 'stored': kept in the documents store.
alter table invoices add column marketplace_pdf_url text;
alter table invoices add column marketplace_pdf_status text not null default 'none'
  check (marketplace_pdf_status in ('none', 'pending', 'failed', 'stored'));
alter table invoices add column marketplace_pdf_error text;
alter table invoices add column marketplace_pdf_attempts integer not null default 0;
alter table invoices add column marketplace_pdf_checked_at timestamptz;
