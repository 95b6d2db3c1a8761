ALTER TABLE teams ADD COLUMN owner_id bigint REFERENCES users (id);
