CREATE VIEW paid_orders AS
    SELECT o.id, o.user_id, o.total, o.placed_at
    FROM orders o
    WHERE o.status IN ('paid', 'shipped');

CREATE MATERIALIZED VIEW product_ratings AS
    SELECT product_id, avg(rating) AS average_rating, count(*) AS review_count
    FROM reviews
    GROUP BY product_id;

CREATE UNIQUE INDEX product_ratings_product_id_idx ON product_ratings (product_id);
