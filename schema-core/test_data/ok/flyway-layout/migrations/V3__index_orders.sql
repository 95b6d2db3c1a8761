CREATE INDEX ix_orders_customer_placed ON orders (customer_id, placed_at);
