-- Dropped again without blocking reads or writes.
DROP INDEX CONCURRENTLY users_created_at_idx;
