-- Every statement here names something that may be absent, and says so.
DROP TABLE IF EXISTS legacy_sessions;
DROP VIEW IF EXISTS legacy_user_emails;
DROP INDEX IF EXISTS users_email_trgm_idx;
DROP SEQUENCE IF EXISTS legacy_ticket_number_seq;
DROP TYPE IF EXISTS legacy_status;
DROP FUNCTION IF EXISTS legacy_touch();
DROP TRIGGER IF EXISTS users_legacy_touch ON users;
ALTER TABLE IF EXISTS legacy_profiles ADD COLUMN bio text;
ALTER TABLE users DROP COLUMN IF EXISTS password_md5;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_check;
