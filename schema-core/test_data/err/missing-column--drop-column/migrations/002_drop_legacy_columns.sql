ALTER TABLE users DROP COLUMN IF EXISTS legacy_token;
ALTER TABLE users DROP COLUMN password_hash;
