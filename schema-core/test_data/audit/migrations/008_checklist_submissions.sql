-- Migration: 008_checklist_submissions
-- Checklist submissions table (re-created for the new checklist UI)

CREATE TABLE IF NOT EXISTS checklist_submissions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID REFERENCES users(id) ON DELETE CASCADE,
  location VARCHAR(100) NOT NULL,
  category TEXT NOT NULL,
  type VARCHAR(50) NOT NULL CHECK (type IN ('daily', 'weekly', 'quarterly')),
  completed_tasks JSONB NOT NULL DEFAULT '[]',
  total_tasks INTEGER NOT NULL,
  ticket_created BOOLEAN DEFAULT false,
  submission_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_checklist_submissions_location ON checklist_submissions(location);
CREATE INDEX IF NOT EXISTS idx_checklist_submissions_category_type ON checklist_submissions(category, type);
