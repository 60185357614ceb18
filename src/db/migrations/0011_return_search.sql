-- The returns list's search by return number or PO number (or their beginning) and by the parcel's
-- AWB, which return inbound scans: without these a search reads every return the seller ever had.
create index return_orders_external_id_prefix on return_orders (external_id text_pattern_ops);
create index return_orders_po_number_prefix on return_orders (po_number text_pattern_ops);
create index return_orders_awb on return_orders (awb);
