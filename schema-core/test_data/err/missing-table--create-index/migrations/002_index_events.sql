CREATE INDEX events_user_id_idx ON events (user_id);
