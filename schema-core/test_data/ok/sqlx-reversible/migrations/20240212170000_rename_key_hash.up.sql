ALTER TABLE api_keys RENAME COLUMN key_hash TO secret_hash;
