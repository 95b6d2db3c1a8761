-- Migration: 023_ensure_openphone_columns
-- Some environments still fail on these columns; ensure they exist

ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS metadata JSON;

DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_name = 'openphone_conversations' AND column_name = 'last_message_at'
  ) THEN
    ALTER TABLE openphone_conversations ADD COLUMN last_message_at TIMESTAMP;
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS idx_openphone_conversations_last_message_at ON openphone_conversations(last_message_at DESC);
