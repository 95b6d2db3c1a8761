CREATE TABLE scratch (id bigint PRIMARY KEY, code text);
CREATE UNIQUE INDEX scratch_code_key ON scratch (code);
