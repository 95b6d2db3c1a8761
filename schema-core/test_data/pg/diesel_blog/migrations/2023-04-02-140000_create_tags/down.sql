DROP TABLE posts_tags;
DROP TABLE tags;
