-- Seller cancellations (issue 15): units the seller cancelled through Weft, kept apart from the
-- marketplace's cancelled quantity (which also counts the customer's), for the seller-cancellation rate.
alter table order_lines add column seller_cancelled_qty integer not null default 0;
