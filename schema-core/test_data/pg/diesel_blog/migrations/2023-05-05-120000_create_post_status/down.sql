ALTER TABLE posts ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE posts SET published = (status = 'published');
ALTER TABLE posts DROP COLUMN status;
DROP TYPE post_status;
