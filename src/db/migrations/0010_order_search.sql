-- The order list's search by PO number (or its beginning) and by the marketplace's order id: without
-- these, each search reads the whole orders table (24 ms at 100,000 POs on PostgreSQL, and growing).
create index orders_po_number_prefix on orders (po_number text_pattern_ops);
create index orders_external_id on orders (external_id);
