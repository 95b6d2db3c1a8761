-- Tickets get an optional due date; nullable, so existing rows need no rewrite.
-- Fail fast instead of queueing the app's queries behind a long transaction.
SET lock_timeout = '5s';
ALTER TABLE tickets ADD COLUMN due_at timestamp with time zone;
