CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE users (
    id serial PRIMARY KEY,
    email varchar(255) NOT NULL,
    full_name text,
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));
