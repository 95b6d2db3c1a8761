CREATE VIEW active_users AS
    SELECT id, email FROM users WHERE created_at > now() - interval '90 days';
