-- Migration: 017_openphone_messages_enhancement
-- Two-way messaging: track read state and per-message delivery status

ALTER TABLE openphone_conversations ADD COLUMN last_read_at TIMESTAMP;
ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS assigned_to VARCHAR(255);

CREATE TABLE IF NOT EXISTS message_status (
  id SERIAL PRIMARY KEY,
  message_id VARCHAR(255) UNIQUE NOT NULL,
  conversation_id VARCHAR(255),
  status VARCHAR(50) NOT NULL CHECK (status IN ('sent', 'delivered', 'failed', 'read')),
  error_message TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_message_status_conversation_id ON message_status(conversation_id);
CREATE INDEX IF NOT EXISTS idx_openphone_conversations_unread ON openphone_conversations(unread_count) WHERE unread_count > 0;
