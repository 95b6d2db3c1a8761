CREATE TYPE user_role AS ENUM ('customer', 'admin');

ALTER TABLE users
    ADD COLUMN role user_role NOT NULL DEFAULT 'customer',
    ADD COLUMN deleted_at timestamptz;

ALTER TYPE user_role ADD VALUE 'support' BEFORE 'admin';

CREATE INDEX users_active_idx ON users (id) WHERE deleted_at IS NULL;
