-- The network printer that "Send to printer" sends a PO's documents to (issue 13): one for the whole
-- installation (Weft has no stations yet), reached by raw printing on a TCP port (JetDirect, port 9100).
-- Only 'pdf': Weft's labels and invoices exist as PDFs only, so there is no ZPL to send.
create table printers (
  id smallint primary key default 1 check (id = 1),
  host text not null check (length(host) between 1 and 253),
  port integer not null default 9100 check (port between 1 and 65535),
  format text not null default 'pdf' check (format in ('pdf')),
  updated_at timestamptz not null default now(),
  updated_by text not null
);
