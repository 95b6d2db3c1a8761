-- Migration: 014_create_assistant_knowledge
-- Local knowledge store that replaces the vector stores

CREATE TABLE IF NOT EXISTS assistant_knowledge (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  assistant_id VARCHAR(255) NOT NULL,
  route VARCHAR(50) NOT NULL,
  title VARCHAR(255) NOT NULL,
  content TEXT NOT NULL,
  tags TEXT[] DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 1,
  source_file_id VARCHAR(255),
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_assistant_knowledge_route ON assistant_knowledge(route);
CREATE INDEX IF NOT EXISTS idx_assistant_knowledge_tags ON assistant_knowledge USING GIN(tags);

-- Feature flag lives in system_config
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS description TEXT;
INSERT INTO system_config (key, value) VALUES ('use_local_knowledge', 'false') ON CONFLICT (key) DO NOTHING;
