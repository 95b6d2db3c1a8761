CREATE INDEX users_created_idx ON users (created_at DESC);
