CREATE TABLE scratch (id bigint PRIMARY KEY);
ALTER TABLE scratch RENAME TO scratch2;
