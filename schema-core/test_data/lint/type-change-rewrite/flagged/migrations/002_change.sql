SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
