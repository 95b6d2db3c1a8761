CREATE TABLE orders (
    id serial PRIMARY KEY,
    public_id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status order_status NOT NULL DEFAULT 'pending',
    total numeric(10, 2) NOT NULL DEFAULT 0,
    placed_at timestamp,
    CONSTRAINT orders_public_id_key UNIQUE (public_id)
);

CREATE INDEX orders_user_id_status_idx ON orders (user_id, status);
