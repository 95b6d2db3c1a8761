CREATE VIEW recent_users AS
    SELECT id, email FROM users WHERE created_at > now() - interval '30 days';
