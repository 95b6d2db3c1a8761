CREATE TABLE scratch (id bigint PRIMARY KEY, a text);
ALTER TABLE scratch RENAME COLUMN a TO b;
