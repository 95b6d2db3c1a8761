CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES users (id),
    title text NOT NULL
);
CREATE INDEX users_display_name_idx ON users (display_name);
