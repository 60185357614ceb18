-- Channel modes (issue 14): a write the channel's mode keeps back is recorded in would_send_log and
-- never sent. Its outbox entry is marked 'withheld' (nothing waits on it; the same call made once the
-- channel is live claims and sends it), and a listing's figure kept back is 'withheld' (due again when
-- the figure changes or a full push is asked for, as leaving shadow does).
alter table outbox drop constraint if exists outbox_status_check;
alter table outbox add constraint outbox_status_check
  check (status in ('pending', 'in_flight', 'succeeded', 'failed', 'indeterminate', 'withheld'));
alter table listing_inventory drop constraint if exists listing_inventory_status_check;
alter table listing_inventory add constraint listing_inventory_status_check
  check (status in ('in_process', 'submitted', 'success', 'error', 'withheld'));
