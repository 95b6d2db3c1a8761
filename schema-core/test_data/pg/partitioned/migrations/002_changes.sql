-- Added to the parents after the partitions exist: PostgreSQL puts them on every partition.
ALTER TABLE events ADD COLUMN payload jsonb;
CREATE INDEX events_kind_idx ON events (kind);
CREATE INDEX sessions_2024_user_idx ON sessions_0 (user_id);
