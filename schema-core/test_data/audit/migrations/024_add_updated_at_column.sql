-- Migration: 024_add_updated_at_column
-- updated_at is still missing on some deployments

ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP;

CREATE INDEX IF NOT EXISTS idx_openphone_conversations_updated_at ON openphone_conversations(updated_at DESC);
