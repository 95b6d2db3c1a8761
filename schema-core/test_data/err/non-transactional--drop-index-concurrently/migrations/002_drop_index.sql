ALTER TABLE users ADD COLUMN name text;
DROP INDEX CONCURRENTLY users_email_idx;
