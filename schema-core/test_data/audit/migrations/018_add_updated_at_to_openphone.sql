-- Migration: 018_add_updated_at_to_openphone
-- Webhook upserts set updated_at, which does not exist yet

ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP;

UPDATE openphone_conversations SET updated_at = created_at WHERE updated_at IS NULL;
