ALTER TYPE ticket_status ADD VALUE 'in_progress' BEFORE 'closed';
ALTER TYPE ticket_status ADD VALUE IF NOT EXISTS 'open';
ALTER TYPE ticket_status ADD VALUE 'archived' AFTER 'closed';
ALTER TYPE ticket_status RENAME VALUE 'closed' TO 'resolved';
