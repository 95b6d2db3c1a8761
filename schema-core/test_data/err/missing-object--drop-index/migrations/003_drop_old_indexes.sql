DROP INDEX IF EXISTS users_email_trgm_idx;
DROP INDEX users_email_lower_index;
