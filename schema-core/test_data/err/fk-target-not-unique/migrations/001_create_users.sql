CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL,
    handle text NOT NULL
);
CREATE INDEX users_email_idx ON users (email);
