-- Migration: 003_add_feedback_resolution
-- Track whether negative feedback has been reviewed

ALTER TABLE feedback ADD COLUMN IF NOT EXISTS resolved BOOLEAN DEFAULT false;
ALTER TABLE feedback ADD COLUMN IF NOT EXISTS resolved_at TIMESTAMP;
ALTER TABLE feedback ADD COLUMN IF NOT EXISTS resolved_by UUID REFERENCES users(id);
ALTER TABLE feedback ADD COLUMN IF NOT EXISTS resolution_notes TEXT;
