-- AJIO JIT connector: listings and mappings, pendency, purchase orders, inventory pushes,
-- reconciliation and returns.

-- Marketplace listings pulled in moderation mode, each mapped (or not yet) to a Weft SKU.
create table channel_listings (
  id bigserial primary key,
  channel_id integer not null references channels (id),
  channel_sku text not null,
  channel_product_id text not null,
  seller_sku text,
  ean text,
  title text not null default '',
  brand text not null default '',
  size text not null default '',
  colour text not null default '',
  hsn text not null default '',
  mrp_paise bigint,
  listing_price_paise bigint,
  live boolean not null default true,
  active boolean not null default true,
  sku_id integer references skus (id),
  mapped_by text,
  mapped_at timestamptz,
  buffer integer not null default 0 check (buffer >= 0),
  marketplace_inventory integer,
  last_seen_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel_id, channel_sku)
);
create index channel_listings_sku on channel_listings (sku_id);
create index channel_listings_unmapped on channel_listings (channel_id) where sku_id is null;

-- Pendency: customer demand assigned to the seller before AJIO raises a purchase order.
create table backorder_lines (
  id bigserial primary key,
  channel_id integer not null references channels (id),
  order_id text not null,
  order_item_id text not null,
  channel_sku text not null,
  sku_id integer references skus (id),
  quantity integer not null check (quantity >= 0),
  ordered_at timestamptz,
  status text not null default 'open' check (status in ('open', 'released', 'converted', 'exception')),
  exception text,
  last_seen_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel_id, order_item_id)
);
create index backorder_lines_open on backorder_lines (sku_id) where status = 'open';

-- Purchase orders, one per AJIO PO; lines keep every quantity that explains the order.
create table orders (
  id bigserial primary key,
  channel_id integer not null references channels (id),
  warehouse_id integer not null references warehouses (id),
  external_id text not null,
  po_number text not null,
  po_date timestamptz,
  status text not null check (status in ('on_hold', 'open', 'picking', 'packed', 'ready_to_ship', 'shipped', 'delivered', 'cancelled')),
  marketplace_status text,
  hold_reason text,
  bill_to jsonb,
  ship_to jsonb,
  po_amount_paise bigint,
  total_tax_paise bigint,
  raw jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel_id, po_number)
);
create index orders_status on orders (channel_id, status, po_date desc);
create index orders_po_date on orders (po_date desc, id desc);

create table order_lines (
  id bigserial primary key,
  order_id bigint not null references orders (id) on delete cascade,
  external_line_id text not null,
  channel_sku text not null,
  sku_id integer references skus (id),
  quantity integer not null check (quantity >= 0),
  cancelled_qty integer not null default 0 check (cancelled_qty >= 0),
  short_picked_qty integer not null default 0 check (short_picked_qty >= 0),
  packed_qty integer not null default 0 check (packed_qty >= 0),
  shipped_qty integer not null default 0 check (shipped_qty >= 0),
  mrp_paise bigint,
  unit_price_paise bigint,
  hsn text,
  gst_rate numeric(5, 2),
  tax jsonb,
  pendency_item_ids text[] not null default '{}',
  unique (order_id, external_line_id)
);
create index order_lines_sku on order_lines (sku_id);

create table order_events (
  id bigserial primary key,
  order_id bigint not null references orders (id) on delete cascade,
  status text not null,
  note text,
  actor text not null,
  at timestamptz not null default now()
);
create index order_events_order on order_events (order_id, id);

-- The figure last pushed for each listing, how it was computed, and what AJIO said.
create table listing_inventory (
  listing_id bigint primary key references channel_listings (id) on delete cascade,
  quantity integer not null,
  breakdown jsonb not null,
  status text not null check (status in ('in_process', 'submitted', 'success', 'error')),
  message text,
  run_id bigint references sync_runs (id),
  pushed_at timestamptz not null default now()
);
create index listing_inventory_status on listing_inventory (status);

create table reconciliation_reports (
  id bigserial primary key,
  channel_id integer not null references channels (id),
  run_id bigint references sync_runs (id),
  compared integer not null default 0,
  drifted integer not null default 0,
  corrected integer not null default 0,
  created_at timestamptz not null default now()
);

create table reconciliation_drifts (
  id bigserial primary key,
  report_id bigint not null references reconciliation_reports (id) on delete cascade,
  listing_id bigint not null references channel_listings (id),
  channel_sku text not null,
  marketplace_qty integer,
  weft_qty integer not null,
  corrected boolean not null default false,
  message text
);
create index reconciliation_drifts_report on reconciliation_drifts (report_id);

-- Returns pulled from AJIO, created CONFIRMED; inbound (QC good/bad) is done in the warehouse.
create table return_orders (
  id bigserial primary key,
  channel_id integer not null references channels (id),
  external_id text not null,
  po_number text,
  order_id bigint references orders (id),
  status text not null default 'confirmed' check (status in ('confirmed', 'receiving', 'closed')),
  reason text,
  awb text,
  marketplace_created_at timestamptz,
  raw jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel_id, external_id)
);

create table return_lines (
  id bigserial primary key,
  return_id bigint not null references return_orders (id) on delete cascade,
  external_line_id text not null,
  channel_sku text not null,
  sku_id integer references skus (id),
  quantity integer not null check (quantity > 0),
  received_good integer not null default 0,
  received_bad integer not null default 0,
  unique (return_id, external_line_id)
);
