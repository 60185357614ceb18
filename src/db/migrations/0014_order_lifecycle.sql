-- One order lifecycle (issue 11): AJIO's own status is kept beside Weft's with when AJIO last
-- reported it; a prefetched PO's plan (what AJIO's invoice and shipment hold) is kept box by box so
-- the pack station can guide the packer through it; what AJIO cannot take back (a weight that differs
-- from the plan) is recorded as a discrepancy an operations manager can list and export.

-- orders.marketplace_status_at: when the order pull last saw marketplace_status change.
alter table orders add column marketplace_status_at timestamptz;

-- planned_boxes: the boxes AJIO holds for a prefetched PO, as its invoice and shipment were made:
-- box id, position, planned weight, the AWB AJIO issued for it, and the lines in it
-- ([{externalLineId, quantity}]). Kept after the pack: it is AJIO's record.
create table planned_boxes (
  order_id bigint not null references orders(id) on delete cascade,
  box_code text not null,
  box_no integer not null,
  weight_grams integer not null check (weight_grams > 0),
  awb text,
  lines jsonb not null,
  invoice_number text not null,
  created_at timestamptz not null default now(),
  primary key (order_id, box_code)
);
create index planned_boxes_code on planned_boxes (box_code);

-- order_discrepancies: a fact of the pack that AJIO's documents cannot reflect, one per order, kind
-- and box. kind 'weight': the box weighs packed_value grams, AJIO holds marketplace_value grams.
create table order_discrepancies (
  id bigserial primary key,
  order_id bigint not null references orders(id) on delete cascade,
  kind text not null check (kind in ('weight')),
  box_code text not null,
  marketplace_value integer not null,
  packed_value integer not null,
  message text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (order_id, kind, box_code)
);
create index order_discrepancies_created on order_discrepancies (created_at desc, id desc);
