-- Migration: 020_fix_missing_columns
-- Production was missing some of these after a partial deploy; make sure they exist

ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT false;
ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS customer_email VARCHAR(255);

CREATE TABLE IF NOT EXISTS message_status (
  id SERIAL PRIMARY KEY,
  message_id VARCHAR(255) UNIQUE NOT NULL,
  conversation_id VARCHAR(255),
  status VARCHAR(50) NOT NULL CHECK (status IN ('sent', 'delivered', 'failed', 'read')),
  error_message TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_openphone_conversations_is_read ON openphone_conversations(is_read);
