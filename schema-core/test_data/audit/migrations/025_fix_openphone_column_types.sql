-- Migration: 025_fix_openphone_column_types
-- Normalise column types that drifted between environments

ALTER TABLE openphone_conversations ALTER COLUMN phone_number TYPE VARCHAR(50);
ALTER TABLE openphone_conversations ALTER COLUMN metadata TYPE JSONB USING metadata::jsonb;
ALTER TABLE openphone_conversations ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at AT TIME ZONE 'UTC';
ALTER TABLE openphone_conversations ALTER COLUMN metadata SET DEFAULT '{}';
