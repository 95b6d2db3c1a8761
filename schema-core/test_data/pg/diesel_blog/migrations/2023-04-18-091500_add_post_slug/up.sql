ALTER TABLE posts ADD COLUMN slug VARCHAR(200);
UPDATE posts SET slug = 'post-' || id;
ALTER TABLE posts ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX posts_slug_idx ON posts (slug);
