CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    full_name text
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    total numeric(10, 2) NOT NULL
);
