-- Migration: 013_archive_vector_store
/*
  We are moving off the OpenAI vector stores. Before deleting files from
  them we keep a copy here, log each deletion, and audit every knowledge
  change made by the assistants from now on.
*/

CREATE TABLE IF NOT EXISTS vector_store_archive (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  assistant_id VARCHAR(255) NOT NULL,
  vector_store_id VARCHAR(255) NOT NULL,
  file_id VARCHAR(255) NOT NULL,
  filename VARCHAR(255),
  content TEXT,
  archived_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

COMMENT ON TABLE vector_store_archive IS 'Read-only copy of files removed from OpenAI vector stores';

CREATE TABLE IF NOT EXISTS vector_store_deletion_log (
  id SERIAL PRIMARY KEY,
  archive_id UUID REFERENCES vector_store_archive(id) ON DELETE SET NULL,
  file_id VARCHAR(255) NOT NULL,
  deleted_by VARCHAR(255),
  reason TEXT,
  deleted_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS knowledge_audit_log (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  action VARCHAR(20) NOT NULL CHECK (action IN ('add', 'update', 'overwrite', 'delete')),
  category VARCHAR(100),
  key VARCHAR(255),
  previous_value TEXT,
  new_value TEXT,
  user_id UUID REFERENCES users(id),
  assistant_target VARCHAR(50),
  metadata JSONB DEFAULT '{}',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_vector_store_archive_assistant_id ON vector_store_archive(assistant_id);
CREATE INDEX IF NOT EXISTS idx_knowledge_audit_log_created_at ON knowledge_audit_log(created_at DESC);
