DROP INDEX posts_slug_idx;
ALTER TABLE posts DROP COLUMN slug;
