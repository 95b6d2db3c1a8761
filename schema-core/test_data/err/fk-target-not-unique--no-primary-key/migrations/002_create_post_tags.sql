CREATE TABLE post_tags (
    post_id bigint NOT NULL,
    tag_name text NOT NULL REFERENCES tags
);
