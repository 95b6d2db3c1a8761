ALTER TABLE posts ADD COLUMN keywords TEXT[];
CREATE INDEX posts_keywords_idx ON posts USING GIN (keywords);
CREATE VIEW published_posts AS
    SELECT p.id, p.slug, p.title, a.username AS author, p.published_at
    FROM posts p
    JOIN accounts a ON a.id = p.author_id
    WHERE p.status = 'published';
