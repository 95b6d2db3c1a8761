CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL, created_at timestamptz NOT NULL);
CREATE INDEX posts_author_created_idx ON posts (author_id, created_at);
CREATE INDEX posts_author_recent_idx ON posts (author_id, created_at DESC);
CREATE MATERIALIZED VIEW post_counts AS SELECT author_id, count(*) AS posts FROM posts GROUP BY author_id;
REFRESH MATERIALIZED VIEW post_counts;
