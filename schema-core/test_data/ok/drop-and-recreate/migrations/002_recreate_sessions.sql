DROP TABLE sessions;
CREATE TABLE sessions (
    id uuid PRIMARY KEY,
    token text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_token_idx ON sessions (token);
