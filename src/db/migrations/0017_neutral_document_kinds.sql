-- Marketplace-neutral document kinds and source (issue 12): a document fetched from the channel's
-- marketplace is 'marketplace-label', 'marketplace-manifest' or 'marketplace-invoice' with source
-- 'marketplace', whichever marketplace issued it; the channel of its order or manifest says which.
-- The mapping is one to one and no row had a 'marketplace-' kind, so documents_once stays satisfied.
alter table documents drop constraint documents_source_check;
update documents set kind = 'marketplace-' || substr(kind, 6) where kind in ('ajio-label', 'ajio-manifest', 'ajio-invoice');
update documents set source = 'marketplace' where source = 'ajio';
alter table documents add constraint documents_source_check check (source in ('weft', 'marketplace'));
