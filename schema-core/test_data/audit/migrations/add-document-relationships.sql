-- Add parent/child relationships between uploaded documents and their sections

CREATE TABLE IF NOT EXISTS parent_documents (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  title VARCHAR(255) NOT NULL,
  document_type VARCHAR(50),
  source_file VARCHAR(255),
  total_sections INTEGER DEFAULT 0,
  metadata JSONB DEFAULT '{}',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

ALTER TABLE assistant_knowledge ADD COLUMN IF NOT EXISTS parent_document_id UUID REFERENCES parent_documents(id) ON DELETE CASCADE;
ALTER TABLE assistant_knowledge ADD COLUMN IF NOT EXISTS section_index INTEGER;

CREATE INDEX IF NOT EXISTS idx_assistant_knowledge_parent_document_id ON assistant_knowledge(parent_document_id);
