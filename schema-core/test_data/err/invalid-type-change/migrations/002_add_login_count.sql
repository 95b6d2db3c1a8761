ALTER TABLE users ADD COLUMN login_count integer NOT NULL DEFAULT 0;
