-- Migration: 007_create_remote_actions_log
-- Audit trail for remote device actions (restart PC, projector, music)

CREATE TABLE IF NOT EXISTS remote_actions_log (
  id SERIAL PRIMARY KEY,
  action_type VARCHAR(50) NOT NULL,
  location VARCHAR(100) NOT NULL,
  device_name VARCHAR(100) NOT NULL,
  device_id VARCHAR(100),
  user_id UUID REFERENCES users(id),
  user_email VARCHAR(255),
  request_payload JSONB DEFAULT '{}',
  success BOOLEAN NOT NULL DEFAULT false,
  error_message TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_remote_actions_log_location ON remote_actions_log(location);
CREATE INDEX IF NOT EXISTS idx_remote_actions_log_created_at ON remote_actions_log(created_at DESC);
