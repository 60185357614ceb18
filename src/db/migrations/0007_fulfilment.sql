-- Fulfilment: picklists, boxes packed by scanning, invoices, shipments and manifests.

create table picklists (
  id bigserial primary key,
  code text not null unique,
  warehouse_id integer not null references warehouses (id),
  channel_id integer references channels (id),
  status text not null default 'pending' check (status in ('pending', 'picking', 'picked', 'closed')),
  prefetched_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index picklists_status on picklists (warehouse_id, status, id desc);

-- An order is on at most one picklist.
create table picklist_orders (
  picklist_id bigint not null references picklists (id) on delete cascade,
  order_id bigint not null unique references orders (id),
  primary key (picklist_id, order_id)
);

-- Boxes (LPNs) of one PO; a box code may be used again only once its PO has been dispatched.
create table boxes (
  id bigserial primary key,
  order_id bigint not null references orders (id),
  box_code text not null,
  box_no integer not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  weight_grams integer check (weight_grams > 0),
  awb text,
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  unique (order_id, box_code),
  unique (order_id, box_no)
);
create index boxes_code on boxes (box_code);

create table box_items (
  box_id bigint not null references boxes (id) on delete cascade,
  order_line_id bigint not null references order_lines (id),
  quantity integer not null check (quantity > 0),
  primary key (box_id, order_line_id)
);

-- One active invoice per PO; a voided one (prefetched, then packed differently) is kept.
create table invoices (
  id bigserial primary key,
  order_id bigint not null references orders (id),
  invoice_number text not null,
  invoice_date timestamptz not null,
  taxable_paise bigint not null,
  tax_paise bigint not null,
  total_paise bigint not null,
  irn text,
  ack_no text,
  ack_date timestamptz,
  signed_qr text,
  einvoice_status text not null default 'not_required'
    check (einvoice_status in ('not_required', 'pending', 'generated', 'sent', 'failed')),
  einvoice_error text,
  prefetched boolean not null default false,
  status text not null default 'active' check (status in ('active', 'void')),
  void_reason text,
  marketplace_response jsonb,
  created_at timestamptz not null default now()
);
create unique index invoices_one_active on invoices (order_id) where status = 'active';

create table shipments (
  id bigserial primary key,
  order_id bigint not null references orders (id),
  master_awb text not null,
  label_source text not null check (label_source in ('marketplace', 'weft')),
  status text not null default 'active' check (status in ('active', 'void')),
  created_at timestamptz not null default now()
);
create unique index shipments_one_active on shipments (order_id) where status = 'active';

create table manifests (
  id bigserial primary key,
  code text not null unique,
  channel_id integer not null references channels (id),
  warehouse_id integer not null references warehouses (id),
  status text not null default 'draft' check (status in ('draft', 'dispatched', 'partial', 'failed')),
  marketplace_manifest_id text,
  created_by text not null,
  created_at timestamptz not null default now(),
  dispatched_at timestamptz
);

create table manifest_orders (
  manifest_id bigint not null references manifests (id) on delete cascade,
  order_id bigint not null references orders (id),
  status text not null default 'pending' check (status in ('pending', 'dispatched', 'refused')),
  message text,
  primary key (manifest_id, order_id)
);
create index manifest_orders_order on manifest_orders (order_id);
