CREATE TABLE reviews (
    id serial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    user_id integer REFERENCES users (id) ON DELETE SET NULL,
    rating smallint NOT NULL,
    body text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reviews_rating_range CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT reviews_one_per_user UNIQUE (product_id, user_id)
);

COMMENT ON TABLE reviews IS 'Customer product reviews';
COMMENT ON COLUMN reviews.rating IS 'Stars, 1 to 5';
