CREATE TABLE scratch (id bigint PRIMARY KEY, tmp text);
ALTER TABLE scratch DROP COLUMN tmp;
