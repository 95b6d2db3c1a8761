ALTER TABLE posts DROP COLUMN published_at;
ALTER TABLE posts ALTER COLUMN title TYPE VARCHAR;
ALTER TABLE posts DROP COLUMN reading_minutes;
ALTER TABLE posts DROP COLUMN view_count;
