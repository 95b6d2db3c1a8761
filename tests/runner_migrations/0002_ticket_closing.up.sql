CREATE INDEX tickets_status_idx ON tickets (status);
ALTER TABLE tickets ADD COLUMN closed_at timestamptz;
