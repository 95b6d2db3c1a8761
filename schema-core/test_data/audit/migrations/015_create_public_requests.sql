-- Migration: 015_create_public_requests
-- Requests coming in through the public (unauthenticated) website widget

CREATE TABLE IF NOT EXISTS public_requests (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id VARCHAR(255),
  ip_address VARCHAR(45),
  user_agent TEXT,
  question TEXT NOT NULL,
  answer TEXT,
  status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'answered', 'escalated', 'spam')),
  response_time_ms INTEGER,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

COMMENT ON TABLE public_requests IS 'Questions submitted through the public website widget';

CREATE INDEX IF NOT EXISTS idx_public_requests_created_at ON public_requests(created_at DESC);
-- Escalation queue only cares about open items
CREATE INDEX IF NOT EXISTS idx_public_requests_pending ON public_requests(created_at) WHERE status IN ('pending', 'escalated');
