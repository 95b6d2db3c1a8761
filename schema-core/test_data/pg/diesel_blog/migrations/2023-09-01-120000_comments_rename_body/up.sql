ALTER TABLE comments RENAME COLUMN body TO content;
ALTER TABLE comments ADD COLUMN edited_at TIMESTAMPTZ;
ALTER TABLE comments ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_top_idx ON comments (post_id, score DESC) WHERE parent_id IS NULL;
