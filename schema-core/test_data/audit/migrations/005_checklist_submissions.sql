-- Migration: 005_checklist_submissions
-- Cleaning / tech checklist submissions from the location staff

CREATE TABLE checklist_submissions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  location VARCHAR(100) NOT NULL,
  category VARCHAR(50) NOT NULL,
  type VARCHAR(50) NOT NULL CHECK (type IN ('daily', 'weekly', 'quarterly')),
  completed_tasks JSONB NOT NULL DEFAULT '[]',
  total_tasks INTEGER NOT NULL,
  comments TEXT,
  submission_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_checklist_submissions_user_id ON checklist_submissions(user_id);
CREATE INDEX IF NOT EXISTS idx_checklist_submissions_submission_date ON checklist_submissions(submission_date DESC);
