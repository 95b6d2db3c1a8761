ALTER TABLE users ADD COLUMN login text;
ALTER TABLE users RENAME COLUMN login TO email;
