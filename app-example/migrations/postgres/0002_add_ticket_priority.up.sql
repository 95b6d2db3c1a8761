-- Fail fast instead of queueing the app's queries behind a long transaction.
SET lock_timeout = '5s';
ALTER TABLE tickets ADD COLUMN priority SMALLINT NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5);
