ALTER TABLE accounts RENAME COLUMN email TO address;
ALTER TABLE accounts RENAME TO users;
ALTER TABLE orders RENAME COLUMN account_id TO user_id;
ALTER TABLE users RENAME COLUMN full_name TO display_name;
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE users ADD COLUMN created_at timestamptz;
