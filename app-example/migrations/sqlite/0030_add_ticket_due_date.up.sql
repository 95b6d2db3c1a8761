-- Tickets get an optional due date (ISO-8601 TEXT, like every timestamp here).
ALTER TABLE tickets ADD COLUMN due_at TEXT;
