CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE users ADD CONSTRAINT users_created_at_excl EXCLUDE USING gist (email WITH =, created_at WITH =);
