ALTER TABLE sessions DROP COLUMN expires_at;
ALTER TABLE sessions ADD COLUMN expires_at timestamp NOT NULL DEFAULT now();
DROP INDEX sessions_token_idx;
CREATE UNIQUE INDEX sessions_token_idx ON sessions (token);
