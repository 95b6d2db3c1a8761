CREATE TABLE IF NOT EXISTS teams (
    id bigserial PRIMARY KEY,
    name text NOT NULL
);
ALTER TABLE users ADD COLUMN IF NOT EXISTS team_id bigint REFERENCES teams (id);
CREATE INDEX IF NOT EXISTS users_team_id_idx ON users (team_id);
CREATE INDEX IF NOT EXISTS users_team_id_idx ON users (team_id);
CREATE SEQUENCE IF NOT EXISTS invoice_number_seq;
CREATE SEQUENCE IF NOT EXISTS invoice_number_seq;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA IF NOT EXISTS reporting;
