ALTER TABLE accounts DROP COLUMN karma;
ALTER TABLE accounts DROP COLUMN last_login_at;
ALTER TABLE accounts ALTER COLUMN email TYPE VARCHAR(255);
DROP INDEX accounts_email_lower_idx;
