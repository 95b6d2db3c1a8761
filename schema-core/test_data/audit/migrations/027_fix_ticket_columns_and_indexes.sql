-- Migration: 027_fix_ticket_columns_and_indexes
-- Photo attachments, archiving and the indexes the ticket list needs

ALTER TABLE tickets ADD COLUMN IF NOT EXISTS photo_urls TEXT[] DEFAULT '{}';
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS archived_at TIMESTAMP;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS archived_by UUID REFERENCES users(id);

CREATE INDEX IF NOT EXISTS idx_tickets_created_at ON tickets(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_tickets_assigned_to ON tickets(assigned_to);
-- Active list excludes archived tickets
CREATE INDEX IF NOT EXISTS idx_tickets_active ON tickets(status, priority) WHERE archived_at IS NULL;
