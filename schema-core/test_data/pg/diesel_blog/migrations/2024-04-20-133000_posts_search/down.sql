DROP VIEW published_posts;
DROP INDEX posts_keywords_idx;
ALTER TABLE posts DROP COLUMN keywords;
