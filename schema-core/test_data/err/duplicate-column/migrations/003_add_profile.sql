ALTER TABLE users ADD COLUMN bio text;
ALTER TABLE users ADD COLUMN display_name text;
