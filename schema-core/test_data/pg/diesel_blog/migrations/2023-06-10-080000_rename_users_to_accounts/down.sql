ALTER TABLE accounts RENAME CONSTRAINT accounts_username_key TO users_username_key;
ALTER INDEX accounts_pkey RENAME TO users_pkey;
ALTER SEQUENCE accounts_id_seq RENAME TO users_id_seq;
ALTER TABLE accounts RENAME TO users;
