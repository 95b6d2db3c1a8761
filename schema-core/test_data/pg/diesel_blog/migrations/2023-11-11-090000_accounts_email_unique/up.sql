CREATE UNIQUE INDEX accounts_email_lower_idx ON accounts (LOWER(email));
ALTER TABLE accounts ALTER COLUMN email TYPE TEXT;
ALTER TABLE accounts ADD COLUMN last_login_at TIMESTAMP;
ALTER TABLE accounts ADD COLUMN karma NUMERIC(10,2) NOT NULL DEFAULT 0.00;
