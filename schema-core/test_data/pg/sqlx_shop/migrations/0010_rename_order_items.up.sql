ALTER TABLE order_items RENAME TO line_items;
ALTER TABLE line_items RENAME CONSTRAINT order_items_quantity_positive TO line_items_quantity_positive;
ALTER INDEX order_items_pkey RENAME TO line_items_pkey;
