CREATE INDEX users_created_at_idx ON users (created_at);
CREATE INDEX idx_users_created_at ON users (created_at);
