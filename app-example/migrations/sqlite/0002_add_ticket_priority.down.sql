ALTER TABLE tickets DROP COLUMN priority;
