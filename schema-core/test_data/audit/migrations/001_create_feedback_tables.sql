-- Migration: 001_create_feedback_tables
-- Stores user feedback on assistant responses and the Slack messages we forward

CREATE TABLE IF NOT EXISTS feedback (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID REFERENCES users(id),
  user_email VARCHAR(255),
  request_description TEXT NOT NULL,
  location VARCHAR(255),
  route VARCHAR(50),
  response TEXT,
  confidence DECIMAL(3,2),
  is_useful BOOLEAN NOT NULL DEFAULT false,
  feedback_type VARCHAR(50),
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS slack_messages (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID REFERENCES users(id),
  request_id UUID,
  slack_thread_ts VARCHAR(255),
  slack_channel VARCHAR(255) NOT NULL,
  original_message TEXT NOT NULL,
  request_description TEXT,
  location VARCHAR(255),
  route VARCHAR(50),
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_slack_messages_thread_ts ON slack_messages(slack_thread_ts);
CREATE INDEX IF NOT EXISTS idx_slack_messages_user_id ON slack_messages(user_id);
