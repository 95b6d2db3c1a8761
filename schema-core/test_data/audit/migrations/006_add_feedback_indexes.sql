-- Migration: 006_add_feedback_indexes
-- The feedback dashboard was doing sequential scans

CREATE INDEX IF NOT EXISTS idx_feedback_created_at ON feedback(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_feedback_user_id ON feedback(user_id);
-- Only unhelpful responses show up in the review queue
CREATE INDEX IF NOT EXISTS idx_feedback_not_useful ON feedback(created_at DESC) WHERE is_useful = false;
