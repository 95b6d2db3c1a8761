COMMENT ON TABLE users IS 'people who can sign in';
COMMENT ON TABLE user_sessions IS 'one row per browser session';
