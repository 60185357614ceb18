-- Every inventory push rewrites each listing's row twice ('in_process', then the outcome). No query
-- looks listings up by status (the inventory screen filters the listing page it reads), so the
-- index on status only kept those rewrites from being HOT updates: each one also wrote two index
-- entries and left the old row for a vacuum that PGlite never runs. Without it, and with room left
-- on each page, a rewrite stays on its page and the old version is pruned there.
drop index listing_inventory_status;
alter table listing_inventory set (fillfactor = 70);
