DROP INDEX ix_orders_customer_placed;
