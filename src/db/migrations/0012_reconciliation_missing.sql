-- Listings Weft has mapped (and pushes figures for) that AJIO no longer lists at all: the daily
-- reconciliation reports them as their own kind of row, since the stock Weft believes is on sale is not.
--
-- channel_listings.reconciled_at: when a reconciliation last found the listing in AJIO's catalogue.
-- A listing not found by a complete read of the catalogue that began after this moment is missing.
alter table channel_listings add column reconciled_at timestamptz;

-- reconciliation_drifts.kind: 'drift' (both figures, corrected by a push) or 'missing' (AJIO has no
-- such listing; nothing can be pushed, a person has to look at it in AJIO's seller panel).
alter table reconciliation_drifts add column kind text not null default 'drift' check (kind in ('drift', 'missing'));

-- reconciliation_reports.missing: how many missing rows the report has; null when the run did not
-- check (AJIO's catalogue was not read to the end, or the report predates the check).
alter table reconciliation_reports add column missing integer;
