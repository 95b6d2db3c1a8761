ALTER TABLE api_keys RENAME COLUMN secret_hash TO key_hash;
