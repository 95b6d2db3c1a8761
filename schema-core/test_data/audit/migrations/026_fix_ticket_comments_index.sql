-- Migration: 026_fix_ticket_comments_index
-- Comments are always listed per ticket in date order

DROP INDEX IF EXISTS idx_ticket_comments_ticket_id;
CREATE INDEX idx_ticket_comments_ticket_id ON ticket_comments(ticket_id, created_at DESC);
