CREATE TABLE posts (
    id serial PRIMARY KEY,
    author_id integer NOT NULL,
    title text NOT NULL,
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE
);
