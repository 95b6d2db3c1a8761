ALTER TABLE tickets DROP COLUMN closed_at;
DROP INDEX tickets_status_idx;
