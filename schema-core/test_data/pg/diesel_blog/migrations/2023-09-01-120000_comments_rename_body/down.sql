DROP INDEX comments_top_idx;
ALTER TABLE comments DROP COLUMN score;
ALTER TABLE comments DROP COLUMN edited_at;
ALTER TABLE comments RENAME COLUMN content TO body;
