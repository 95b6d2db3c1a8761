-- Built without locking writes on a large table, but in a file that does something else too.
ALTER TABLE users ADD COLUMN last_seen_at timestamptz;
CREATE INDEX CONCURRENTLY users_created_at_idx ON users (created_at);
