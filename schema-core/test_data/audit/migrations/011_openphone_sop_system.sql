-- Migration: 011_openphone_sop_system
-- OpenPhone call/SMS history plus the shadow-mode SOP comparison tables

CREATE TABLE IF NOT EXISTS openphone_conversations (
  id SERIAL PRIMARY KEY,
  phone_number VARCHAR(20),
  customer_name VARCHAR(255),
  employee_name VARCHAR(255),
  messages JSONB NOT NULL DEFAULT '[]',
  processed BOOLEAN DEFAULT false,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS extracted_knowledge (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id INTEGER REFERENCES openphone_conversations(id) ON DELETE SET NULL,
  source_type VARCHAR(20) NOT NULL DEFAULT 'call',
  category VARCHAR(50),
  problem TEXT NOT NULL,
  solution TEXT NOT NULL,
  confidence FLOAT DEFAULT 0.0,
  applied_to_sop BOOLEAN DEFAULT false,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS sop_shadow_comparisons (
  id SERIAL PRIMARY KEY,
  query TEXT NOT NULL,
  route VARCHAR(50) NOT NULL,
  assistant_response TEXT,
  sop_response TEXT,
  sop_confidence FLOAT,
  assistant_time_ms INTEGER,
  sop_time_ms INTEGER,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS sop_metrics (
  id SERIAL PRIMARY KEY,
  metric_date DATE NOT NULL UNIQUE DEFAULT CURRENT_DATE,
  total_requests INTEGER DEFAULT 0,
  sop_used INTEGER DEFAULT 0,
  avg_confidence FLOAT,
  avg_response_time_ms FLOAT
);

CREATE INDEX IF NOT EXISTS idx_openphone_conversations_processed ON openphone_conversations(processed);
CREATE INDEX IF NOT EXISTS idx_extracted_knowledge_category ON extracted_knowledge(category);
