-- no-transaction
CREATE TYPE mood AS ENUM ('happy', 'sad');
ALTER TABLE users ADD COLUMN mood mood;
CREATE INDEX CONCURRENTLY users_mood_idx ON users (mood);
