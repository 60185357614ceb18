-- IRN cancellation (issue 16): an invoice Weft supersedes keeps its row (void, with the reason); its IRN
-- is cancelled at the IRP, which allows that only within 24 hours of the IRN. Past that window, or when the
-- IRP refuses, the invoice is flagged for the accountant (a credit note is the way out) with the reason.
alter table invoices add column irn_cancel_status text
  check (irn_cancel_status in ('cancelled', 'past_window', 'failed'));
alter table invoices add column irn_cancelled_at timestamptz;
alter table invoices add column irn_cancel_error text;
