CREATE INDEX users_created_at_idx ON users (created_at);
CREATE INDEX users_last_seen_idx ON users (last_seen_at);
