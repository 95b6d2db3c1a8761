ALTER TABLE tickets DROP COLUMN due_at;
