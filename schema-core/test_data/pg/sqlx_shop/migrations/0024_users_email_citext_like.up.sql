ALTER TABLE users ALTER COLUMN email TYPE text;
ALTER TABLE users ALTER COLUMN display_name SET DEFAULT '';
ALTER TABLE users ADD CONSTRAINT users_email_format CHECK (position('@' IN email) > 1);
ALTER TABLE categories ALTER COLUMN slug SET DATA TYPE varchar(80);
