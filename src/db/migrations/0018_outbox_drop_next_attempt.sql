-- The outbox has one path now (issue 12): an entry is sent at once by the code that records it, and
-- nothing schedules retries by time, so next_attempt_at was written but never read. Dropping it takes
-- the outbox_due index (status, next_attempt_at) with it; the index on status alone keeps the look-ups
-- of pending and in-flight entries indexed.
drop index if exists outbox_due;
alter table outbox drop column if exists next_attempt_at;
create index if not exists outbox_status on outbox (status);
