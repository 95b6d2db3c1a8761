-- Built without locking writes on a large table.
CREATE INDEX CONCURRENTLY users_created_at_idx ON users (created_at);
