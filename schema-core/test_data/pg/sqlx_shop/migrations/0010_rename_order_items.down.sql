ALTER INDEX line_items_pkey RENAME TO order_items_pkey;
ALTER TABLE line_items RENAME CONSTRAINT line_items_quantity_positive TO order_items_quantity_positive;
ALTER TABLE line_items RENAME TO order_items;
