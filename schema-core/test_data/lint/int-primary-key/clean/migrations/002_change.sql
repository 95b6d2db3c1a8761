CREATE TABLE tags (id bigint PRIMARY KEY, label text);
