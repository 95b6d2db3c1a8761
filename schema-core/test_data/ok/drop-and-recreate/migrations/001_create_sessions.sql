CREATE TABLE sessions (
    id serial PRIMARY KEY,
    token text NOT NULL
);
CREATE INDEX sessions_token_idx ON sessions (token);
