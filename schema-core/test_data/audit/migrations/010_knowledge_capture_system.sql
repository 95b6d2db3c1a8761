-- Migration: 010_knowledge_capture_system
-- Captures knowledge from Slack thread resolutions and queues SOP updates
BEGIN;

CREATE TABLE IF NOT EXISTS knowledge_captures (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  source VARCHAR(50) NOT NULL CHECK (source IN ('slack', 'chat', 'manual')),
  source_ref VARCHAR(255),
  problem TEXT NOT NULL,
  solution TEXT NOT NULL,
  confidence DECIMAL(3,2) DEFAULT 0.5,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS sop_update_queue (
  id SERIAL PRIMARY KEY,
  knowledge_id UUID REFERENCES knowledge_captures(id) ON DELETE CASCADE,
  assistant VARCHAR(50) NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS sop_drafts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  assistant VARCHAR(50) NOT NULL,
  title VARCHAR(255) NOT NULL,
  content TEXT NOT NULL,
  approved BOOLEAN DEFAULT false,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS sop_update_log (
  id SERIAL PRIMARY KEY,
  draft_id UUID REFERENCES sop_drafts(id) ON DELETE SET NULL,
  action VARCHAR(50) NOT NULL,
  details JSONB DEFAULT '{}',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS slack_thread_resolutions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  slack_message_id UUID REFERENCES slack_messages(id) ON DELETE CASCADE,
  thread_ts VARCHAR(255) NOT NULL,
  resolution TEXT NOT NULL,
  captured_knowledge_id UUID REFERENCES knowledge_captures(id),
  resolved_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS learning_metrics (
  id SERIAL PRIMARY KEY,
  metric_type VARCHAR(50) NOT NULL,
  value NUMERIC NOT NULL DEFAULT 0,
  recorded_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_sop_update_queue_status ON sop_update_queue(status);
CREATE INDEX IF NOT EXISTS idx_slack_thread_resolutions_thread_ts ON slack_thread_resolutions(thread_ts);

COMMIT;
