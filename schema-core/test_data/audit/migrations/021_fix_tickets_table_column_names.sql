-- Migration: 021_fix_tickets_table_column_names
-- 002 used camelCase column names; the rest of the schema is snake_case

ALTER TABLE tickets RENAME COLUMN "createdAt" TO created_at;
ALTER TABLE tickets RENAME COLUMN "updatedAt" TO updated_at;
ALTER TABLE tickets RENAME COLUMN "resolvedAt" TO resolved_at;
ALTER TABLE ticket_comments RENAME COLUMN "createdAt" TO created_at;

CREATE TRIGGER update_tickets_updated_at BEFORE UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
