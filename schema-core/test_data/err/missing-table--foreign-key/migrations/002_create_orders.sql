CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    shipping_address_id bigint REFERENCES addresses (id),
    total_cents integer NOT NULL
);
