-- Migration: 004_create_slack_replies
-- Replies posted in Slack threads, pulled back in via the events API

CREATE TABLE IF NOT EXISTS slack_replies (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  slack_message_id UUID REFERENCES slack_messages(id) ON DELETE CASCADE,
  thread_ts VARCHAR(255) NOT NULL,
  slack_user_id VARCHAR(255),
  slack_user_name VARCHAR(255),
  reply_text TEXT NOT NULL,
  reply_ts VARCHAR(255) NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_slack_replies_thread_ts ON slack_replies(thread_ts);
CREATE INDEX IF NOT EXISTS idx_slack_replies_slack_message_id ON slack_replies(slack_message_id);
