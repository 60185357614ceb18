-- Documents: every PDF Weft renders or keeps from the marketplace, stored once by its hash and
-- reprintable. Void documents stay (never deleted, never silently reused); a fresh live copy of the
-- same bytes can be stored after a void, so uniqueness covers live rows only.
create table documents (
  id bigserial primary key,
  kind text not null check (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  source text not null check (source in ('weft', 'ajio')),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea not null,
  size integer not null check (size >= 0),
  content_type text not null default 'application/pdf',
  order_id bigint references orders (id),
  reference text not null,
  created_at timestamptz not null default now(),
  created_by text not null,
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create unique index documents_once on documents (kind, sha256, reference) where voided_at is null;
create index documents_order on documents (order_id, created_at desc) where order_id is not null;
create index documents_reference on documents (reference, kind, created_at desc);
