DROP MATERIALIZED VIEW product_ratings;
DROP VIEW paid_orders;
