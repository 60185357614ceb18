-- Credit notes (issue 16): goods that come back to the seller (a received return) are credited against
-- the invoice they were sold on — one note per return and invoice, numbered in its own series per
-- supplier GSTIN and financial year, with the tax of each returned line reversed, and registered at the
-- IRP as a CRN when the channel e-invoices. The row is written in the transaction that closes the return,
-- so a crash after it leaves a note to finish (PDF, IRN), never a return with no note or two notes.
create table document_series (
  series text primary key,
  last_value bigint not null
);

create table credit_notes (
  id bigserial primary key,
  return_id bigint not null references return_orders (id),
  invoice_id bigint not null references invoices (id),
  order_id bigint not null references orders (id),
  channel_id integer not null references channels (id),
  note_number text not null unique,
  note_date timestamptz not null,
  lines jsonb not null,
  taxable_paise bigint not null,
  tax_paise bigint not null,
  total_paise bigint not null,
  irn text,
  ack_no text,
  ack_date timestamptz,
  signed_qr text,
  einvoice_status text not null default 'not_required'
    check (einvoice_status in ('not_required', 'pending', 'generated', 'failed')),
  einvoice_error text,
  document_id bigint references documents (id),
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (return_id, invoice_id)
);
create index credit_notes_date on credit_notes (note_date);
