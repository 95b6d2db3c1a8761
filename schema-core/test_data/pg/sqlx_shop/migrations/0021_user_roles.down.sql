ALTER TABLE users DROP COLUMN role, DROP COLUMN deleted_at;
DROP TYPE user_role;
