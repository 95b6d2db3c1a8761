ALTER TABLE users RENAME TO accounts;
ALTER SEQUENCE users_id_seq RENAME TO accounts_id_seq;
ALTER INDEX users_pkey RENAME TO accounts_pkey;
ALTER TABLE accounts RENAME CONSTRAINT users_username_key TO accounts_username_key;
