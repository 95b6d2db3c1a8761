CREATE SCHEMA app;
SET LOCAL search_path TO app;
CREATE TABLE accounts (id bigint PRIMARY KEY);
