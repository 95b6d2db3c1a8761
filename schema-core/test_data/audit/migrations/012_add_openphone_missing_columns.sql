-- Migration: 012_add_openphone_missing_columns
-- The webhook handler writes these but 011 never created them

ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS conversation_id VARCHAR(255);
ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS metadata JSONB DEFAULT '{}';
ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS unread_count INTEGER DEFAULT 0;

CREATE UNIQUE INDEX IF NOT EXISTS idx_openphone_conversations_conversation_id ON openphone_conversations(conversation_id);
CREATE INDEX IF NOT EXISTS idx_openphone_conversations_phone_number ON openphone_conversations(phone_number);
